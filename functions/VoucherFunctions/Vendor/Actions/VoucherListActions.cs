using System.Globalization;
using System.Text.Json.Nodes;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Vendor.Actions;

/// <summary>
/// DescribeCustomerVoucherList (a partner: its customers' vouchers, Type III) and DescribeCustomerOwnVoucherList
/// (a customer: its own, without Usage and ApplyReason). Filters compare the vendor's words of each voucher.
/// </summary>
public sealed class VoucherListActions(VendorReads reads, ICustomerStore customers, TimeProvider clock)
{
    public static readonly string[] PartnerParameters = ["Page", "PageSize", "CustomerUin", "VoucherStatus", "PaymentMode", "Usage", "ProductScope", "VoucherId"];
    public static readonly string[] OwnParameters = ["Page", "PageSize", "VoucherStatus", "PaymentMode", "ProductScope", "VoucherId"];

    public async Task<JsonObject> DescribeCustomerVoucherListAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken)
    {
        var partnerId = caller.Key.PartnerId;
        var uin = p.Integer("CustomerUin", 0);
        var usage = p.Enum("Usage", "ProductTrial", "CustomerOffer");
        var query = new VoucherQuery(partnerId) { Type = VoucherType.TypeIII };
        if (uin is { } n)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            if (await customers.GetAsync(partnerId, text, cancellationToken) is null)
            {
                throw new VendorException(VendorErrorCodes.UnauthorizedOperation, $"Customer {n} is not one of your customers.");
            }

            query = query with { CustomerUin = text };
        }

        return await ListAsync(p, query, usage, own: false, cancellationToken);
    }

    public Task<JsonObject> DescribeCustomerOwnVoucherListAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken) =>
        ListAsync(p, new VoucherQuery(caller.Key.PartnerId) { Type = VoucherType.TypeIII, CustomerUin = caller.Key.CustomerUin }, null, own: true, cancellationToken);

    private async Task<JsonObject> ListAsync(VendorParameters p, VoucherQuery query, string? usage, bool own, CancellationToken cancellationToken)
    {
        var page = p.RequiredInteger("Page", 1, int.MaxValue);
        var pageSize = p.RequiredInteger("PageSize", 1, PageRequest.MaxPageSize);
        var status = p.Enum("VoucherStatus", "Issued", "Used", "Expired", "Invalidated");
        var mode = p.Enum("PaymentMode", "AllPayment", "Prepaid", "Postpaid");
        var scope = p.Enum("ProductScope", "AllProducts", "SpecifyProducts", "SpecifyProductsBlacklist");
        var voucher = p.Voucher("VoucherId");
        var now = clock.GetUtcNow();
        var matching = (await reads.VouchersAsync(query, cancellationToken))
            .Where(v => status is null || VendorViews.ListStatus(v, now) == status)
            .Where(v => mode is null || VendorViews.PaymentMode(v.PaymentModeScope) == mode)
            .Where(v => scope is null || VendorViews.ProductScope(v.ProductScope.Kind) == scope)
            .Where(v => usage is null || VendorViews.Usage(v.Purpose) == usage)
            .Where(v => voucher is null || v.NumericId == voucher.Number || (voucher.Text is not null && v.VoucherId == voucher.Text))
            .ToList();
        var data = new JsonArray();
        foreach (var v in VendorReads.Slice(matching, page, pageSize))
        {
            data.Add(Item(v, now, own));
        }

        return new JsonObject { ["TotalCount"] = matching.Count, ["Data"] = data };
    }

    private static JsonObject Item(Voucher v, DateTimeOffset now, bool own)
    {
        var item = new JsonObject
        {
            ["VoucherId"] = v.NumericId,
            ["CustomerUin"] = VendorViews.Uin(v.CustomerUin),
            ["VoucherStatus"] = VendorViews.ListStatus(v, now),
            ["RemainingAmount"] = VendorViews.Amount(v.Balance),
            ["TotalAmount"] = VendorViews.Amount(v.Amount),
        };
        if (!own)
        {
            item["Usage"] = VendorViews.Usage(v.Purpose);
        }

        item["PaymentMode"] = VendorViews.PaymentMode(v.PaymentModeScope);
        item["ProductScope"] = VendorViews.ProductScope(v.ProductScope.Kind);
        item["EffectiveTime"] = VendorViews.Time(v.EffectiveFrom);
        item["ExpireTime"] = VendorViews.Time(v.ExpiresAt);
        if (!own)
        {
            item["ApplyReason"] = v.ApplyReason ?? string.Empty;
        }

        return item;
    }
}
