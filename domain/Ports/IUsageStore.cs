namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Deduction;

/// <summary>Usage records (one per voucher and bill line), written by <see cref="IBillLedger"/>.</summary>
public interface IUsageStore
{
    /// <summary>
    /// A voucher's usage records in bill-time order; with <paramref name="month"/> (any instant in it,
    /// the UTC calendar month is used) only those whose bill time falls in that month.
    /// </summary>
    Task<Page<VoucherUsage>> ListByVoucherAsync(string partnerId, string voucherId, DateTimeOffset? month, PageRequest page, CancellationToken cancellationToken = default);
}
