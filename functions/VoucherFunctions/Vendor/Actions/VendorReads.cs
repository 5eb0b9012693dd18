using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Vendor.Actions;

/// <summary>
/// Whole lists for the vendor's offset paging: the vendor answers <c>TotalCount</c> and takes a page number,
/// while our storage pages by continuation token, so an action reads every matching row (server-side
/// filtered to the partner's, or the customer's, vouchers), counts, orders by the integer id and slices.
/// </summary>
public sealed class VendorReads(IVoucherStore vouchers, IUsageStore usage)
{
    public async Task<List<Voucher>> VouchersAsync(VoucherQuery query, CancellationToken cancellationToken)
    {
        var all = new List<Voucher>();
        string? token = null;
        do
        {
            var page = await vouchers.ListAsync(query, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken);
            all.AddRange(page.Items.Select(v => v.Value).Where(VendorViews.IsAddressable));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all.OrderBy(v => v.NumericId).ToList();
    }

    /// <summary>The voucher named by the vendor's integer id or by our string id, in the partner's books, or null.</summary>
    public async Task<Voucher?> VoucherAsync(string partnerId, VoucherRef reference, VoucherQuery scope, CancellationToken cancellationToken)
    {
        if (reference.Text is { } text && Domain.Ids.Ids.IsValid(text) && await vouchers.GetAsync(partnerId, text, cancellationToken) is { } byText
            && VendorViews.IsAddressable(byText.Value))
        {
            return byText.Value;
        }

        return reference.Number is { } number ? (await VouchersAsync(scope, cancellationToken)).FirstOrDefault(v => v.NumericId == number) : null;
    }

    public async Task<List<VoucherUsage>> UsageAsync(string partnerId, string voucherId, CancellationToken cancellationToken)
    {
        var all = new List<VoucherUsage>();
        string? token = null;
        do
        {
            var page = await usage.ListByVoucherAsync(partnerId, voucherId, null, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }

    /// <summary>Items <c>(page − 1) × pageSize</c> onwards, at most <paramref name="pageSize"/>.</summary>
    public static IEnumerable<T> Slice<T>(IEnumerable<T> items, long page, long pageSize) =>
        items.Skip((int)Math.Min(int.MaxValue, (page - 1) * pageSize)).Take((int)pageSize);
}
