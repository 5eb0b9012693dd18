using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// A partner's whole voucher book: the range <c>v|</c> … of its partition (Type I, II and III, live and ended are
/// consecutive, <see cref="VoucherKeys"/>), paged by the service at 1,000 rows: 10 range reads for 10,000 vouchers.
/// </summary>
public sealed class TableVoucherBook(LedgerTable table, VoucherLayoutMigration layout) : IVoucherBook
{
    public Task<IReadOnlyList<Voucher>> AllAsync(string partnerId, CancellationToken cancellationToken = default) =>
        ReadAsync(partnerId, VoucherKeys.Prefix, Keys.PrefixEnd(VoucherKeys.Prefix), cancellationToken);

    /// <summary>Type I and Type II are consecutive: <c>v|1|</c> up to <c>v|3|</c>.</summary>
    public Task<IReadOnlyList<Voucher>> VendorFundedAsync(string partnerId, CancellationToken cancellationToken = default) =>
        ReadAsync(partnerId, VoucherKeys.AllOfType(VoucherType.TypeI), VoucherKeys.AllOfType(VoucherType.TypeIII), cancellationToken);

    private async Task<IReadOnlyList<Voucher>> ReadAsync(string partnerId, string from, string to, CancellationToken cancellationToken)
    {
        await layout.EnsureAsync(partnerId, cancellationToken);
        var rows = await PagedQuery.ReadAllAsync(table, Filters.RangeInPartition(Keys.Partner(partnerId), from, to), cancellationToken);
        return rows.Select(VoucherRows.FromEntity).ToArray();
    }
}
