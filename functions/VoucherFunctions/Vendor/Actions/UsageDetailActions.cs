using System.Globalization;
using System.Text.Json.Nodes;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Vendor.Actions;

/// <summary>
/// DescribeCustomerVoucherUsageDetails (a partner, for one customer's voucher) and
/// DescribeCustomerOwnVoucherUsageDetails (a customer, its own voucher). The Node SDK version we test with has
/// no model for them (its generic request method calls them); the fields follow the vendor's page. Our usage
/// record is one (voucher, bill line): <c>Id</c> is "{billId}/{lineId}", <c>BillId</c> the bill, <c>DealName</c>
/// the bill line id (we have no orders; the line is the charge the voucher paid), <c>PayTime</c> the bill time,
/// <c>CompletionTime</c> when the deduction was applied, <c>OwnerUin</c> the customer whose consumption it was.
/// </summary>
public sealed class UsageDetailActions(VendorReads reads, ICustomerStore customers, IVendorCatalogStore catalog)
{
    public static readonly string[] PartnerParameters = ["Page", "PageSize", "CustomerUin", "VoucherId", "Month"];
    public static readonly string[] OwnParameters = ["Page", "PageSize", "VoucherId", "Month"];

    public async Task<JsonObject> DescribeCustomerVoucherUsageDetailsAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken)
    {
        var uin = p.RequiredInteger("CustomerUin", 0).ToString(CultureInfo.InvariantCulture);
        if (await customers.GetAsync(caller.Key.PartnerId, uin, cancellationToken) is null)
        {
            throw new VendorException(VendorErrorCodes.UnauthorizedOperation, $"Customer {uin} is not one of your customers.");
        }

        return await DetailsAsync(caller.Key.PartnerId, uin, p, cancellationToken);
    }

    public Task<JsonObject> DescribeCustomerOwnVoucherUsageDetailsAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken) =>
        DetailsAsync(caller.Key.PartnerId, caller.Key.CustomerUin!, p, cancellationToken);

    private async Task<JsonObject> DetailsAsync(string partnerId, string uin, VendorParameters p, CancellationToken cancellationToken)
    {
        var page = p.RequiredInteger("Page", 1, int.MaxValue);
        var pageSize = p.RequiredInteger("PageSize", 1, PageRequest.MaxPageSize);
        var reference = p.Voucher("VoucherId") ?? throw new VendorException(VendorErrorCodes.MissingParameter, "The parameter `VoucherId` is missing.");
        var month = p.Month("Month");
        var scope = new VoucherQuery(partnerId) { Type = VoucherType.TypeIII, CustomerUin = uin };
        var voucher = await reads.VoucherAsync(partnerId, reference, scope, cancellationToken);
        if (voucher is null || voucher.Type != VoucherType.TypeIII || voucher.CustomerUin != uin)
        {
            throw new VendorException(VendorErrorCodes.ResourceNotFound, $"Customer {uin} has no voucher {reference.Number?.ToString(CultureInfo.InvariantCulture) ?? reference.Text}.");
        }

        var all = await reads.UsageAsync(partnerId, voucher.VoucherId, cancellationToken);
        var inMonth = month is { } m ? all.Where(u => u.BillTime >= m && u.BillTime < m.AddMonths(1)).ToList() : all;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var data = new JsonArray();
        foreach (var u in VendorReads.Slice(inMonth, page, pageSize))
        {
            data.Add(await DetailAsync(voucher, u, names, cancellationToken));
        }

        return new JsonObject
        {
            ["Data"] = data,
            ["CustomerUin"] = VendorViews.Uin(uin),
            ["VoucherId"] = voucher.NumericId!.Value.ToString(CultureInfo.InvariantCulture),
            ["TotalAmount"] = VendorViews.Amount(voucher.Amount),
            ["RemainAmount"] = VendorViews.Amount(voucher.Balance),
            ["TotalRecordsCount"] = all.Count,
            ["Month"] = month?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? string.Empty,
            ["RecordsCountByMonth"] = inMonth.Count,
        };
    }

    private async Task<JsonObject> DetailAsync(Voucher voucher, VoucherUsage u, Dictionary<string, string> names, CancellationToken cancellationToken) => new()
    {
        ["Id"] = u.BillId + "/" + u.LineId,
        ["VoucherId"] = voucher.NumericId!.Value.ToString(CultureInfo.InvariantCulture),
        ["DealName"] = u.LineId,
        ["BillId"] = u.BillId,
        ["Amount"] = VendorViews.Amount(u.Amount),
        ["PayMode"] = VendorViews.PayMode(u.PaymentMode),
        ["ProductCode"] = u.ProductCode,
        ["SubProductCode"] = u.SubProductCode ?? string.Empty,
        ["ProductCodeName"] = await NameAsync(u.ProductCode, names, cancellationToken),
        ["SubProductCodeName"] = u.SubProductCode is null ? string.Empty : await NameAsync(u.SubProductCode, names, cancellationToken),
        ["PayTime"] = VendorViews.Time(u.BillTime),
        ["CompletionTime"] = VendorViews.Time(u.AppliedAt),
        ["OwnerUin"] = u.CustomerUin,
    };

    // The catalogue's product name, or the code when the channel manager has not named it.
    private async Task<string> NameAsync(string code, Dictionary<string, string> names, CancellationToken cancellationToken)
    {
        if (!names.TryGetValue(code, out var name))
        {
            name = Domain.Ids.Ids.IsValid(code) && await catalog.GetProductAsync(code, cancellationToken) is { } product ? product.Value.Name : code;
            names[code] = name;
        }

        return name;
    }
}
