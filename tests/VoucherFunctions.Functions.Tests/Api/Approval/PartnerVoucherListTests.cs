using System.Net;
using System.Text.Json;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api.Approval;

/// <summary>The partner-voucher list's filters: type, status, payment mode, product scope, expiry range, paging.</summary>
[Collection(AppCollection.Name)]
public sealed class PartnerVoucherListTests(AppHostFixture app)
{
    [Fact]
    public async Task Each_filter_narrows_the_list_to_the_matching_vouchers_only()
    {
        var partner = new Scenario(app);
        var channel = app.AsVendor("channel-manager");
        async Task<string> GrantAsync(string name, object scope, string paymentModeScope, int days) =>
            (await channel.PostAsync($"/api/channel/partners/{partner.PartnerId}/general-vouchers",
                new { name, amount = "10", currency = "USD", productScope = scope, paymentModeScope, validity = new { days } })
                .Json(HttpStatusCode.Created)).Str("voucherId");
        var shortPrepaid = await GrantAsync("short prepaid", new { kind = "allProducts" }, "prepaid", 10);
        var longPostpaidCvm = await GrantAsync("long postpaid cvm", new { kind = "allowList", products = new[] { "cvm" } }, "postpaid", 90);
        var anyMode = await GrantAsync("any mode", new { kind = "blockList", products = new[] { "gpu" } }, "all", 60);
        // Only Type II vouchers can be invalidated by their partner (the spec's rule).
        await partner.Partner.PostAsync($"/api/partner-vouchers/{anyMode}/invalidate", null).Problem(HttpStatusCode.Conflict, "voucher.not_invalidatable");

        async Task<List<string>> Ids(string query) =>
            (await partner.Partner.GetAsync("/api/partner-vouchers?" + query).Json(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(v => v.Str("voucherId")).Order().ToList();
        var in30Days = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(30).ToString("O"));

        Assert.Equal(new[] { shortPrepaid, longPostpaidCvm, anyMode }.Order(), await Ids("type=typeI"));
        Assert.Empty(await Ids("type=typeII"));
        Assert.Equal(new[] { shortPrepaid, anyMode }.Order(), await Ids("paymentMode=prepaid"));
        Assert.Equal([longPostpaidCvm], await Ids("productScope=allowList"));
        Assert.Equal([shortPrepaid], await Ids($"expiresBefore={in30Days}"));
        Assert.Equal(new[] { longPostpaidCvm, anyMode }.Order(), await Ids($"expiresFrom={in30Days}"));
        Assert.Empty(await Ids("status=invalidated"));
        Assert.Equal(new[] { shortPrepaid, longPostpaidCvm, anyMode }.Order(), await Ids("status=active"));
        await partner.Partner.GetAsync("/api/partner-vouchers?type=typeIII").Problem(HttpStatusCode.BadRequest, "request.field_invalid");

        var first = await partner.Partner.GetAsync("/api/partner-vouchers?pageSize=2").Json(HttpStatusCode.OK);
        var token = Uri.EscapeDataString(first.Str("continuationToken"));
        var second = await partner.Partner.GetAsync($"/api/partner-vouchers?pageSize=2&continuationToken={token}").Json(HttpStatusCode.OK);
        var paged = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(v => v.Str("voucherId")).Order();
        Assert.Equal(new[] { shortPrepaid, longPostpaidCvm, anyMode }.Order(), paged);
        Assert.False(second.TryGetProperty("continuationToken", out var more) && more.ValueKind != JsonValueKind.Null, "The last page has no continuation token.");
    }
}
