namespace VoucherFunctions.Domain.Vouchers;

/// <summary>
/// The one internal voucher lifecycle. Legal moves: Active → Exhausted (balance reached zero),
/// Active → Expired (validity ended), Active → Withdrawn (Type III: direct withdrawal, or because its
/// Type II was invalidated), and Active/Exhausted/Expired → Invalidated (Type I/II only: the
/// partner's irreversible override, which may follow exhaustion because the associated Type III
/// can still hold balance). Withdrawn and Invalidated are final.
/// </summary>
public enum VoucherStatus
{
    Active,
    Exhausted,
    Expired,
    Withdrawn,
    Invalidated,
}
