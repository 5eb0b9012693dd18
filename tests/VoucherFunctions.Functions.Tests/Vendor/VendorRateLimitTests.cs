using System.Text.Json.Nodes;
using VoucherFunctions.Domain.ApiKeys;
using VoucherFunctions.Vendor;
using VoucherFunctions.Vendor.Actions;

namespace VoucherFunctions.Functions.Tests.Vendor;

/// <summary>The vendor's rates, per key and action: 20 per second for lists, 5 for batch queries, no queueing.</summary>
public sealed class VendorRateLimitTests
{
    private static readonly VendorAction List = Action("DescribeCustomerVoucherList", VendorRateClass.List);
    private static readonly VendorAction Batch = Action("QueryVoucherListByUin", VendorRateClass.BatchQuery);
    private static readonly VendorAction OtherBatch = Action("QueryVoucherAmountByUin", VendorRateClass.BatchQuery);

    [Fact]
    public async Task A_key_gets_the_rate_of_each_action_and_no_more_until_the_next_second()
    {
        using var limits = new VendorRateLimits();

        Assert.Equal(20, Enumerable.Range(0, 25).Count(_ => limits.TryAcquire("AKIDa", List)));
        Assert.Equal(5, Enumerable.Range(0, 8).Count(_ => limits.TryAcquire("AKIDa", Batch)));
        Assert.Equal(5, Enumerable.Range(0, 8).Count(_ => limits.TryAcquire("AKIDa", OtherBatch)));
        Assert.Equal(5, Enumerable.Range(0, 8).Count(_ => limits.TryAcquire("AKIDb", Batch)));

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.True(limits.TryAcquire("AKIDa", Batch));
    }

    private static VendorAction Action(string name, VendorRateClass rate) =>
        new(name, new HashSet<ApiKeyRole> { ApiKeyRole.Reseller }, rate, [], (_, _, _) => Task.FromResult(new JsonObject()));
}
