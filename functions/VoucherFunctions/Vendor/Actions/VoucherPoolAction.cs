using System.Text.Json.Nodes;
using VoucherFunctions.Domain.ApiKeys;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Vendor.Actions;

/// <summary>
/// QueryVoucherPool. A second-level reseller (AccountType 3) answers its quota pool; a distributor
/// (AccountType 2) the sum of the pools it keeps for its resellers; a first-level reseller (AccountType 1)
/// has no pool in our model (it funds its customer vouchers itself): quota 0 and, as IssuedNum, the
/// customer-discount vouchers it issued. AgentName is the partner id: we keep no partner display name.
/// </summary>
public sealed class VoucherPoolAction(IQuotaPoolStore pools, VendorReads reads)
{
    public async Task<JsonObject> QueryVoucherPoolAsync(VendorCaller caller, VendorParameters p, CancellationToken cancellationToken)
    {
        var partnerId = caller.Key.PartnerId;
        var (type, total, remaining, issued) = caller.Key.Role switch
        {
            ApiKeyRole.SecondLevelReseller => await SecondLevelAsync(partnerId, cancellationToken),
            ApiKeyRole.Distributor => await DistributorAsync(partnerId, cancellationToken),
            _ => (1, 0m, 0m, (await reads.VouchersAsync(new VoucherQuery(partnerId) { Type = VoucherType.TypeIII, Purpose = VoucherPurpose.CustomerDiscount }, cancellationToken)).Count),
        };
        return new JsonObject
        {
            ["AgentName"] = partnerId,
            ["AccountType"] = type,
            ["TotalQuota"] = total,
            ["RemainingQuota"] = remaining,
            ["IssuedNum"] = issued,
        };
    }

    private async Task<(int, decimal, decimal, int)> SecondLevelAsync(string partnerId, CancellationToken cancellationToken)
    {
        var pool = (await pools.FindByResellerAsync(partnerId, cancellationToken))?.Value;
        return pool is null || pool.Total.Currency != Currency.USD
            ? (3, 0m, 0m, 0)
            : (3, VendorViews.Amount(pool.Total), VendorViews.Amount(pool.Remaining), pool.IssuedCount);
    }

    private async Task<(int, decimal, decimal, int)> DistributorAsync(string partnerId, CancellationToken cancellationToken)
    {
        decimal total = 0, remaining = 0;
        var issued = 0;
        string? token = null;
        do
        {
            var page = await pools.ListByDistributorAsync(partnerId, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken);
            foreach (var pool in page.Items.Select(i => i.Value).Where(x => x.Total.Currency == Currency.USD))
            {
                total += VendorViews.Amount(pool.Total);
                remaining += VendorViews.Amount(pool.Remaining);
                issued += pool.IssuedCount;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return (2, total, remaining, issued);
    }
}
