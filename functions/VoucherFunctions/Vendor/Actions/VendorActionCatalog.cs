using System.Text.Json.Nodes;
using VoucherFunctions.Domain.ApiKeys;

namespace VoucherFunctions.Vendor.Actions;

/// <summary>How often one key may call an action per second: the vendor's 20/s for lists, 5/s for batch queries.</summary>
public enum VendorRateClass
{
    List = 20,
    BatchQuery = 5,
}

/// <summary>One action of the vendor's voucher API: who may call it, how often, what it takes, what runs it.</summary>
public sealed record VendorAction(
    string Name,
    IReadOnlySet<ApiKeyRole> Roles,
    VendorRateClass Rate,
    IReadOnlyCollection<string> Parameters,
    Func<VendorCaller, VendorParameters, CancellationToken, Task<JsonObject>> Run);

/// <summary>The seven voucher actions of product intlpartnersmgt, version 2022-09-28 (the vendor offers no voucher writes).</summary>
public sealed class VendorActionCatalog
{
    public const string Version = "2022-09-28";

    private static readonly HashSet<ApiKeyRole> Partners = [ApiKeyRole.Reseller, ApiKeyRole.Distributor, ApiKeyRole.SecondLevelReseller];
    private static readonly HashSet<ApiKeyRole> Customer = [ApiKeyRole.Customer];

    private readonly Dictionary<string, VendorAction> _actions;

    public VendorActionCatalog(VoucherListActions lists, UsageDetailActions usage, ByUinActions byUin, VoucherPoolAction pool)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(byUin);
        ArgumentNullException.ThrowIfNull(pool);
        VendorAction[] all =
        [
            new("DescribeCustomerVoucherList", Partners, VendorRateClass.List, VoucherListActions.PartnerParameters, lists.DescribeCustomerVoucherListAsync),
            new("DescribeCustomerOwnVoucherList", Customer, VendorRateClass.List, VoucherListActions.OwnParameters, lists.DescribeCustomerOwnVoucherListAsync),
            new("DescribeCustomerVoucherUsageDetails", Partners, VendorRateClass.List, UsageDetailActions.PartnerParameters, usage.DescribeCustomerVoucherUsageDetailsAsync),
            new("DescribeCustomerOwnVoucherUsageDetails", Customer, VendorRateClass.List, UsageDetailActions.OwnParameters, usage.DescribeCustomerOwnVoucherUsageDetailsAsync),
            new("QueryVoucherAmountByUin", Partners, VendorRateClass.BatchQuery, ByUinActions.AmountParameters, byUin.QueryVoucherAmountByUinAsync),
            new("QueryVoucherListByUin", Partners, VendorRateClass.BatchQuery, ByUinActions.ListParameters, byUin.QueryVoucherListByUinAsync),
            new("QueryVoucherPool", Partners, VendorRateClass.BatchQuery, [], pool.QueryVoucherPoolAsync),
        ];
        _actions = all.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<VendorAction> All => _actions.Values;

    public VendorAction? Find(string name) => _actions.GetValueOrDefault(name);
}
