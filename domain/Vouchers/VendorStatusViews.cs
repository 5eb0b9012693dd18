namespace VoucherFunctions.Domain.Vouchers;

/// <summary>The vendor API's status word for partner vouchers (Type I and II).</summary>
public enum PartnerVoucherStatus
{
    Issued,
    Used,
    Expired,
    Invalidated,
}

/// <summary>The vendor API's status word for customer vouchers (Type III).</summary>
public enum CustomerVoucherStatus
{
    Unused,
    Used,
    Expired,
}

/// <summary>
/// The vendor's vocabularies are views of the one internal lifecycle, evaluated at <c>now</c>
/// (the seed documentation names the words but not their mapping; this is the mapping we chose):
/// <list type="bullet">
/// <item>Partner view: Invalidated ← Invalidated (or Withdrawn, never reached by partner vouchers);
/// Used ← Exhausted, or still active with some amount consumed; Expired ← validity over with balance
/// left; Issued ← active and untouched.</item>
/// <item>Customer view: Used ← Exhausted, or active with some amount consumed; Unused ← active and
/// untouched; Expired ← validity over, withdrawn, or withdrawn by its partner voucher's invalidation
/// (the customer vocabulary has no word for withdrawal; to the customer the voucher has simply ended).</item>
/// </list>
/// "Used" therefore means "some of it was spent and it was not ended otherwise", in both views.
/// </summary>
public static class VendorStatusViews
{
    public static PartnerVoucherStatus ToPartnerVoucherStatus(Voucher voucher, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        return voucher.StatusAt(now) switch
        {
            VoucherStatus.Invalidated or VoucherStatus.Withdrawn => PartnerVoucherStatus.Invalidated,
            VoucherStatus.Exhausted => PartnerVoucherStatus.Used,
            VoucherStatus.Expired => PartnerVoucherStatus.Expired,
            _ => voucher.IsUnused ? PartnerVoucherStatus.Issued : PartnerVoucherStatus.Used,
        };
    }

    public static CustomerVoucherStatus ToCustomerVoucherStatus(Voucher voucher, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        return voucher.StatusAt(now) switch
        {
            VoucherStatus.Exhausted => CustomerVoucherStatus.Used,
            VoucherStatus.Expired or VoucherStatus.Withdrawn or VoucherStatus.Invalidated => CustomerVoucherStatus.Expired,
            _ => voucher.IsUnused ? CustomerVoucherStatus.Unused : CustomerVoucherStatus.Used,
        };
    }
}
