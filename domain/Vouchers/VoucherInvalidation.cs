namespace VoucherFunctions.Domain.Vouchers;

using VoucherFunctions.Domain.Errors;

/// <summary>
/// Invalidating a Type II voucher also withdraws the unused balance of its associated Type III
/// voucher(s), at the same instant. The Type II becomes Invalidated; each associated Type III that is
/// still Active becomes Withdrawn (the customer-side word for "can no longer be used", matching a
/// direct withdrawal) with its remaining balance moved to <see cref="Voucher.WithdrawnAmount"/>, so
/// what was already used stays in history. Exhausted or expired Type III vouchers have nothing left
/// to withdraw and are returned unchanged. Idempotent, so a cascade interrupted half-way can be rerun.
/// </summary>
public static class VoucherInvalidation
{
    public static InvalidationResult Invalidate(Voucher partnerVoucher, IReadOnlyCollection<Voucher> associatedCustomerVouchers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(partnerVoucher);
        ArgumentNullException.ThrowIfNull(associatedCustomerVouchers);
        Guard.That(partnerVoucher.Type == VoucherType.TypeII, ErrorCodes.VoucherNotInvalidatable, $"Voucher '{partnerVoucher.VoucherId}' is not a Type II voucher.");
        foreach (var customerVoucher in associatedCustomerVouchers)
        {
            var associated = customerVoucher.Type == VoucherType.TypeIII
                && customerVoucher.AssociatedVoucherId == partnerVoucher.VoucherId
                && partnerVoucher.AssociatedVoucherId == customerVoucher.VoucherId;
            Guard.That(associated, ErrorCodes.VoucherNotAssociated, $"Voucher '{customerVoucher.VoucherId}' is not the customer voucher associated with '{partnerVoucher.VoucherId}'.");
        }

        var invalidated = partnerVoucher.Invalidate(now);
        var withdrawn = associatedCustomerVouchers.Select(v => v.WithdrawBecauseAssociatedInvalidated(now)).ToArray();
        return new InvalidationResult(invalidated, withdrawn);
    }
}

/// <summary>The invalidated Type II and its associated Type III vouchers after the cascade.</summary>
public sealed record InvalidationResult(Voucher PartnerVoucher, IReadOnlyList<Voucher> CustomerVouchers);
