using System.Globalization;
using System.Text.Json.Nodes;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Vendor.Actions;

/// <summary>
/// QueryVoucherAmountByUin and QueryVoucherListByUin: a partner's customer vouchers (Type III, every status)
/// for 1 to 20 of its customers at once. A UIN that is not the caller's customer is refused
/// (<c>UnauthorizedOperation</c>), like the bearer API's 404, rather than answered with zeros.
/// </summary>
public sealed class ByUinActions(VendorReads reads, ICustomerStore customers, TimeProvider clock)
{
    public const int MaxUins = 20;
    public static readonly string[] AmountParameters = ["ClientUins"];
    public static readonly string[] ListParameters = ["ClientUins", "Status"];

    public async Task<JsonObject> QueryVoucherAmountByUinAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken)
    {
        var data = new JsonArray();
        foreach (var (uin, vouchers) in await VouchersByUinAsync(caller, p, cancellationToken))
        {
            data.Add(new JsonObject
            {
                ["ClientUin"] = uin,
                ["TotalAmount"] = vouchers.Sum(v => VendorViews.Amount(v.Amount)),
                ["RemainAmount"] = vouchers.Sum(v => VendorViews.Amount(v.Balance)),
            });
        }

        return new JsonObject { ["Data"] = data };
    }

    public async Task<JsonObject> QueryVoucherListByUinAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken)
    {
        var status = p.Enum("Status", "Unused", "Used", "Expired");
        var now = clock.GetUtcNow();
        var data = new JsonArray();
        foreach (var (uin, vouchers) in await VouchersByUinAsync(caller, p, cancellationToken))
        {
            var items = new JsonArray();
            foreach (var v in vouchers.Where(v => status is null || VendorViews.ByUinStatus(v, now) == status))
            {
                items.Add(new JsonObject
                {
                    ["VoucherId"] = v.NumericId!.Value.ToString(CultureInfo.InvariantCulture),
                    ["VoucherStatus"] = VendorViews.ByUinStatus(v, now),
                    ["TotalAmount"] = VendorViews.Amount(v.Amount),
                    ["RemainAmount"] = VendorViews.Amount(v.Balance),
                });
            }

            data.Add(new JsonObject { ["ClientUin"] = uin, ["TotalCount"] = items.Count, ["Data"] = items });
        }

        return new JsonObject { ["Data"] = data };
    }

    private async Task<List<(long Uin, List<Voucher> Vouchers)>> VouchersByUinAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken)
    {
        var partnerId = caller.Key.PartnerId;
        var uins = p.Integers("ClientUins", MaxUins).Distinct().ToList();
        var texts = uins.Select(u => u.ToString(CultureInfo.InvariantCulture)).ToList();
        var known = (await customers.GetManyAsync(partnerId, texts, cancellationToken)).Select(c => c.Value.Uin).ToHashSet(StringComparer.Ordinal);
        if (texts.FirstOrDefault(t => !known.Contains(t)) is { } stranger)
        {
            throw new VendorException(VendorErrorCodes.UnauthorizedOperation, $"Customer {stranger} is not one of your customers.");
        }

        var result = new List<(long, List<Voucher>)>();
        foreach (var (uin, text) in uins.Zip(texts))
        {
            result.Add((uin, await reads.VouchersAsync(new VoucherQuery(partnerId) { Type = VoucherType.TypeIII, CustomerUin = text }, cancellationToken)));
        }

        return result;
    }
}
