using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoucherFunctions.Functions.Tests.Infrastructure;
using static VoucherFunctions.Functions.Tests.Vendor.VendorSdk;

namespace VoucherFunctions.Functions.Tests.Vendor;

/// <summary>
/// The vendor's official Node SDK (tencentcloud-sdk-nodejs-intl-en, run by node) against the local host: each
/// voucher action answers what the bearer API answers for the same vouchers, and each refusal carries the
/// vendor's error code.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VendorSdkTests(AppHostFixture app)
{
    [Fact]
    public async Task Every_voucher_action_answers_what_the_bearer_api_answers()
    {
        var w = await WorldAsync();
        var r = await RunAsync(app,
        [
            Call("list", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 100 }),
            Call("list-a", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 100, CustomerUin = long.Parse(w.UinA, CultureInfo.InvariantCulture) }),
            Call("page-2", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 2, PageSize = 1 }),
            Call("page-past", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 9, PageSize = 1 }),
            Call("invalidated", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 10, VoucherStatus = "Invalidated" }),
            Call("used", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 10, VoucherStatus = "Used" }),
            Call("trial", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 10, Usage = "ProductTrial" }),
            Call("own", "sdk", w.CustomerA, "DescribeCustomerOwnVoucherList", new { Page = 1, PageSize = 100 }),
            Call("amounts", "sdk", w.Reseller, "QueryVoucherAmountByUin", new { ClientUins = new[] { long.Parse(w.UinA, CultureInfo.InvariantCulture), long.Parse(w.UinB, CultureInfo.InvariantCulture) } }),
            Call("by-uin", "sdk", w.Reseller, "QueryVoucherListByUin", new { ClientUins = new[] { long.Parse(w.UinA, CultureInfo.InvariantCulture), long.Parse(w.UinB, CultureInfo.InvariantCulture) } }),
            Call("by-uin-used", "sdk", w.Reseller, "QueryVoucherListByUin", new { ClientUins = new[] { long.Parse(w.UinA, CultureInfo.InvariantCulture) }, Status = "Used" }),
            Call("pool", "sdk", w.Reseller, "QueryVoucherPool"),
        ]);

        // DescribeCustomerVoucherList: the bearer list's vouchers with an integer UIN, field for field.
        var bearer = await BearerVouchersAsync(w);
        var list = r.Ok("list");
        Assert.Equal(bearer.Count, (int)list["TotalCount"]!);
        var items = list["Data"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(bearer.Count, items.Count);
        foreach (var item in items)
        {
            var b = Assert.Single(bearer, v => v.Str("customerUin") == (string)item["CustomerUin"]!.ToString() && Amount(v, "amount") == (decimal)item["TotalAmount"]!);
            Assert.Equal(Amount(b, "balance"), (decimal)item["RemainingAmount"]!);
            Assert.Equal(ListStatus(b), (string)item["VoucherStatus"]!);
            Assert.Equal(b.Str("purpose") == "productTrial" ? "ProductTrial" : "CustomerOffer", (string)item["Usage"]!);
            Assert.Equal("AllPayment", (string)item["PaymentMode"]!);
            Assert.Equal("AllProducts", (string)item["ProductScope"]!);
            Assert.Equal(Time(b, "effectiveFrom"), (string)item["EffectiveTime"]!);
            Assert.Equal(Time(b, "expiresAt"), (string)item["ExpireTime"]!);
            Assert.True(item.ContainsKey("ApplyReason"));
            Assert.True(item["VoucherId"]!.GetValueKind() == JsonValueKind.Number && (long)item["VoucherId"]! > 0);
        }

        Assert.Equal(items.Count, items.Select(i => (long)i["VoucherId"]!).Distinct().Count());
        var usedNumber = await NumericIdAsync(w, w.UsedVoucherId);
        var byId = await RunAsync(app,
        [
            Call("by-number", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 10, VoucherId = usedNumber }),
            Call("by-string", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 10, VoucherId = w.UsedVoucherId }),
        ]);
        Assert.Equal(usedNumber, (long)Assert.Single(byId.Ok("by-number")["Data"]!.AsArray())!["VoucherId"]!);
        Assert.Equal(usedNumber, (long)Assert.Single(byId.Ok("by-string")["Data"]!.AsArray())!["VoucherId"]!);
        Assert.DoesNotContain(items, i => (string)i["CustomerUin"]!.ToString() == w.UinText);
        Assert.Equal(bearer.Count(v => v.Str("customerUin") == w.UinA), (int)r.Ok("list-a")["TotalCount"]!);

        // Offset paging over the same order, and the filters in the vendor's words.
        var page2 = r.Ok("page-2");
        Assert.Equal(bearer.Count, (int)page2["TotalCount"]!);
        Assert.Equal((long)items[1]["VoucherId"]!, (long)Assert.Single(page2["Data"]!.AsArray())!["VoucherId"]!);
        Assert.Empty(r.Ok("page-past")["Data"]!.AsArray());
        Assert.Equal(w.WithdrawnAmount, (decimal)Assert.Single(r.Ok("invalidated")["Data"]!.AsArray())!["TotalAmount"]!);
        Assert.Equal(w.UsedAmount, (decimal)Assert.Single(r.Ok("used")["Data"]!.AsArray())!["TotalAmount"]!);
        Assert.Equal("ProductTrial", (string)Assert.Single(r.Ok("trial")["Data"]!.AsArray())!["Usage"]!);

        // DescribeCustomerOwnVoucherList: the customer's own, as the customer portal lists them, without Usage and ApplyReason.
        var mine = (await app.AsCustomer(w.S.PartnerId, w.UinA).GetAsync("/api/my/vouchers?pageSize=100").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var own = r.Ok("own");
        Assert.Equal(mine.Count, (int)own["TotalCount"]!);
        foreach (var item in own["Data"]!.AsArray().Select(i => i!.AsObject()))
        {
            var m = Assert.Single(mine, v => Amount(v, "amount") == (decimal)item["TotalAmount"]!);
            Assert.Equal(Amount(m, "balance"), (decimal)item["RemainingAmount"]!);
            Assert.Equal(Time(m, "expiresAt"), (string)item["ExpireTime"]!);
            Assert.False(item.ContainsKey("Usage") || item.ContainsKey("ApplyReason"), item.ToJsonString());
        }

        // QueryVoucherAmountByUin: the bearer summary's total and remaining per customer.
        var summary = (await w.S.Partner.GetAsync($"/api/customer-voucher-summary?customerUins={w.UinA},{w.UinB}").Json(HttpStatusCode.OK)).GetProperty("customers").EnumerateArray().ToList();
        foreach (var row in r.Ok("amounts")["Data"]!.AsArray().Select(i => i!.AsObject()))
        {
            var s = Assert.Single(summary, x => x.Str("customerUin") == row["ClientUin"]!.ToString());
            Assert.Equal(Amount(s, "total"), (decimal)row["TotalAmount"]!);
            Assert.Equal(Amount(s, "remaining"), (decimal)row["RemainAmount"]!);
        }

        // QueryVoucherListByUin: every voucher of each customer with the customer vocabulary of the bearer API's vendorStatus; string ids.
        foreach (var row in r.Ok("by-uin")["Data"]!.AsArray().Select(i => i!.AsObject()))
        {
            var theirs = bearer.Where(v => v.Str("customerUin") == row["ClientUin"]!.ToString()).ToList();
            Assert.Equal(theirs.Count, (int)row["TotalCount"]!);
            foreach (var v in row["Data"]!.AsArray().Select(i => i!.AsObject()))
            {
                Assert.Equal(JsonValueKind.String, v["VoucherId"]!.GetValueKind());
                var b = Assert.Single(theirs, x => Amount(x, "amount") == (decimal)v["TotalAmount"]!);
                Assert.Equal(b.Str("vendorStatus"), (string)v["VoucherStatus"]!);
                Assert.Equal(Amount(b, "balance"), (decimal)v["RemainAmount"]!);
            }
        }

        Assert.All(r.Ok("by-uin-used")["Data"]![0]!["Data"]!.AsArray(), v => Assert.Equal("Used", (string)v!["VoucherStatus"]!));

        // QueryVoucherPool: a first-level reseller keeps no quota pool.
        var pool = r.Ok("pool");
        Assert.Equal(1, (int)pool["AccountType"]!);
        Assert.Equal(w.S.PartnerId, (string)pool["AgentName"]!);
        Assert.Equal(0m, (decimal)pool["TotalQuota"]!);
    }

    [Fact]
    public async Task The_usage_detail_actions_the_sdk_lacks_answer_through_its_generic_request_method()
    {
        var w = await WorldAsync();
        var numeric = await NumericIdAsync(w, w.UsedVoucherId);
        var r = await RunAsync(app,
        [
            Call("by-number", "common", w.Reseller, "DescribeCustomerVoucherUsageDetails", new { Page = 1, PageSize = 10, CustomerUin = long.Parse(w.UinA, CultureInfo.InvariantCulture), VoucherId = numeric }),
            Call("by-string", "common", w.Reseller, "DescribeCustomerVoucherUsageDetails", new { Page = 1, PageSize = 10, CustomerUin = long.Parse(w.UinA, CultureInfo.InvariantCulture), VoucherId = w.UsedVoucherId, Month = w.BillTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) }),
            Call("other-month", "common", w.Reseller, "DescribeCustomerVoucherUsageDetails", new { Page = 1, PageSize = 10, CustomerUin = long.Parse(w.UinA, CultureInfo.InvariantCulture), VoucherId = numeric, Month = "2001-01" }),
            Call("own", "common", w.CustomerA, "DescribeCustomerOwnVoucherUsageDetails", new { Page = 1, PageSize = 10, VoucherId = numeric }),
        ]);

        var usage = (await w.S.Partner.GetAsync($"/api/vouchers/{w.UsedVoucherId}/usage").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var voucher = await w.S.Partner.GetAsync($"/api/customer-vouchers/{w.UsedVoucherId}").Json(HttpStatusCode.OK);
        foreach (var id in new[] { "by-number", "by-string", "own" })
        {
            var details = r.Ok(id);
            Assert.Equal(numeric.ToString(CultureInfo.InvariantCulture), (string)details["VoucherId"]!);
            Assert.Equal(w.UinA, details["CustomerUin"]!.ToString());
            Assert.Equal(Amount(voucher, "amount"), (decimal)details["TotalAmount"]!);
            Assert.Equal(Amount(voucher, "balance"), (decimal)details["RemainAmount"]!);
            Assert.Equal(usage.Count, (int)details["TotalRecordsCount"]!);
            Assert.Equal(usage.Count, (int)details["RecordsCountByMonth"]!);
            var record = Assert.Single(details["Data"]!.AsArray())!.AsObject();
            var u = Assert.Single(usage);
            Assert.Equal(Amount(u, "amount"), (decimal)record["Amount"]!);
            Assert.Equal(u.Str("billId"), (string)record["BillId"]!);
            Assert.Equal(u.Str("lineId"), (string)record["DealName"]!);
            Assert.Equal(u.Str("productCode"), (string)record["ProductCode"]!);
            Assert.Equal("Postpaid", (string)record["PayMode"]!);
            Assert.Equal(Time(u, "billTime"), (string)record["PayTime"]!);
            Assert.Equal(numeric.ToString(CultureInfo.InvariantCulture), (string)record["VoucherId"]!);
        }

        var other = r.Ok("other-month");
        Assert.Empty(other["Data"]!.AsArray());
        Assert.Equal(0, (int)other["RecordsCountByMonth"]!);
        Assert.Equal(usage.Count, (int)other["TotalRecordsCount"]!);
    }

    [Fact]
    public async Task Tampering_stale_clocks_unknown_or_disabled_keys_strangers_and_wrong_roles_get_the_vendors_codes()
    {
        var w = await WorldAsync();
        var other = new Scenario(app);
        var stranger = await other.CustomerAsync(NumericUin());
        var otherKey = await other.Partner.CreateKeyAsync("reseller");
        var disabled = await w.S.Partner.CreateKeyAsync("reseller", name: "to disable");
        await w.S.Partner.PostAsync($"/api/api-keys/{disabled.SecretId}/disable", null, null).Json(HttpStatusCode.OK);
        var deleted = await w.S.Partner.CreateKeyAsync("reseller", name: "to delete");
        Assert.Equal(HttpStatusCode.NoContent, (await w.S.Partner.SendJsonAsync(HttpMethod.Delete, $"/api/api-keys/{deleted.SecretId}", null)).StatusCode);
        var list = new { Page = 1, PageSize = 10 };
        var uinA = long.Parse(w.UinA, CultureInfo.InvariantCulture);

        var tampered = Call("tampered", "raw", w.Reseller, "DescribeCustomerVoucherList", list);
        tampered["sendBody"] = JsonSerializer.SerializeToNode(new { Page = 1, PageSize = 11 });
        var replayed = Call("replayed", "raw", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 12 });
        replayed["times"] = 2;
        var stale = Call("stale", "sdk", w.Reseller, "DescribeCustomerVoucherList", list);
        stale["clockOffsetSeconds"] = -301;
        var future = Call("future", "sdk", w.Reseller, "DescribeCustomerVoucherList", list);
        future["clockOffsetSeconds"] = 301;
        var r = await RunAsync(app,
        [
            tampered,
            replayed,
            stale,
            future,
            Call("wrong-secret", "sdk", w.Reseller with { SecretKey = w.Reseller.SecretKey[..^1] + (w.Reseller.SecretKey[^1] == 'x' ? "y" : "x") }, "DescribeCustomerVoucherList", list),
            Call("unknown", "sdk", new PartnerKey("AKIDnotakeyofanyone0000000000000000", "whatever"), "DescribeCustomerVoucherList", list),
            Call("disabled", "sdk", disabled, "DescribeCustomerVoucherList", list),
            Call("deleted", "sdk", deleted, "DescribeCustomerVoucherList", list),
            Call("stranger-list", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 10, CustomerUin = long.Parse(stranger, CultureInfo.InvariantCulture) }),
            Call("stranger-amounts", "sdk", w.Reseller, "QueryVoucherAmountByUin", new { ClientUins = new[] { uinA, long.Parse(stranger, CultureInfo.InvariantCulture) } }),
            Call("stranger-usage", "common", otherKey, "DescribeCustomerVoucherUsageDetails", new { Page = 1, PageSize = 10, CustomerUin = uinA, VoucherId = w.UsedVoucherId }),
            Call("other-partner-list", "sdk", otherKey, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 100 }),
            Call("customer-as-partner", "sdk", w.CustomerA, "DescribeCustomerVoucherList", list),
            Call("partner-as-customer", "sdk", w.Reseller, "DescribeCustomerOwnVoucherList", list),
            Call("customer-pool", "sdk", w.CustomerA, "QueryVoucherPool"),
            Call("bad-month", "common", w.Reseller, "DescribeCustomerVoucherUsageDetails", new { Page = 1, PageSize = 10, CustomerUin = uinA, VoucherId = w.UsedVoucherId, Month = "2024-13" }),
            Call("no-page", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { PageSize = 10 }),
            Call("page-size", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 101 }),
            Call("bad-status", "sdk", w.Reseller, "QueryVoucherListByUin", new { ClientUins = new[] { uinA }, Status = "Issued" }),
            Call("too-many-uins", "sdk", w.Reseller, "QueryVoucherAmountByUin", new { ClientUins = Enumerable.Range(1, 21).Select(i => (long)i).ToArray() }),
            Call("unknown-parameter", "sdk", w.Reseller, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 10, Limit = 5 }),
            Call("no-such-voucher", "common", w.Reseller, "DescribeCustomerVoucherUsageDetails", new { Page = 1, PageSize = 10, CustomerUin = uinA, VoucherId = 999999999 }),
            Call("no-such-action", "common", w.Reseller, "DeleteCustomerVoucher", new { VoucherId = 1 }),
        ]);

        r.Refused("tampered", "AuthFailure.SignatureFailure");
        var sends = r["replayed"]["sends"]!.AsArray();
        Assert.True((bool)sends[0]!["ok"]!, sends.ToJsonString());
        Assert.Equal("AuthFailure.SignatureFailure", (string)sends[1]!["code"]!);
        r.Refused("stale", "AuthFailure.SignatureExpire");
        r.Refused("future", "AuthFailure.SignatureExpire");
        r.Refused("wrong-secret", "AuthFailure.SignatureFailure");
        r.Refused("unknown", "AuthFailure.SecretIdNotFound");
        r.Refused("disabled", "AuthFailure.SecretIdNotFound");
        r.Refused("deleted", "AuthFailure.SecretIdNotFound");
        r.Refused("stranger-list", "UnauthorizedOperation");
        r.Refused("stranger-amounts", "UnauthorizedOperation");
        r.Refused("stranger-usage", "UnauthorizedOperation");
        Assert.Equal(0, (int)r.Ok("other-partner-list")["TotalCount"]!);
        r.Refused("customer-as-partner", "AuthFailure.UnauthorizedOperation");
        r.Refused("partner-as-customer", "AuthFailure.UnauthorizedOperation");
        r.Refused("customer-pool", "AuthFailure.UnauthorizedOperation");
        r.Refused("bad-month", "InvalidParameterValue.InvalidMonth");
        r.Refused("no-page", "MissingParameter");
        r.Refused("page-size", "InvalidParameterValue");
        r.Refused("bad-status", "InvalidParameterValue");
        r.Refused("too-many-uins", "InvalidParameterValue");
        r.Refused("unknown-parameter", "UnknownParameter");
        r.Refused("no-such-voucher", "ResourceNotFound");
        r.Refused("no-such-action", "InvalidAction");
    }

    [Fact]
    public async Task Requests_over_the_vendors_rate_per_key_and_action_get_RequestLimitExceeded()
    {
        var s = new Scenario(app);
        await s.CustomerAsync(NumericUin());
        var busy = await s.Partner.CreateKeyAsync("reseller", name: "busy");
        var calm = await s.Partner.CreateKeyAsync("reseller", name: "calm");

        // 45 differently signed list calls (PageSize 1..45) and 30 pool queries (distinct timestamps), all at once.
        var calls = Enumerable.Range(1, 45).Select(i => Call($"list-{i}", "raw", busy, "DescribeCustomerVoucherList", new { Page = 1, PageSize = i }))
            .Concat(Enumerable.Range(1, 30).Select(i =>
            {
                var call = Call($"pool-{i}", "raw", busy, "QueryVoucherPool");
                call["clockOffsetSeconds"] = -i;
                return call;
            }));
        var started = DateTimeOffset.UtcNow;
        var r = await RunAsync(app, calls, parallel: true);
        var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        var calmer = await RunAsync(app, [Call("calm", "sdk", calm, "QueryVoucherPool"), Call("calm-list", "sdk", calm, "DescribeCustomerVoucherList", new { Page = 1, PageSize = 5 })]);

        // However the requests spread over one-second windows, no window lets more than the rate through.
        foreach (var (prefix, rate) in new[] { ("list-", 20), ("pool-", 5) })
        {
            var mine = r.Values.Where(x => ((string)x["id"]!).StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var refused = mine.Where(x => !(bool)x["ok"]!).ToList();
            Assert.All(refused, x => Assert.Equal("RequestLimitExceeded", (string?)x["code"]));
            Assert.True(mine.Count - refused.Count <= rate * (Math.Ceiling(seconds) + 1), $"{prefix}: {mine.Count - refused.Count} passed in {seconds:0.0} s");
        }

        var pools = r.Values.Where(x => ((string)x["id"]!).StartsWith("pool-", StringComparison.Ordinal)).ToList();
        Assert.True(seconds >= 5 || pools.Any(x => !(bool)x["ok"]!), $"30 pool queries in {seconds:0.0} s and none refused");
        calmer.Ok("calm");
        calmer.Ok("calm-list");
    }

    [Fact]
    public async Task QueryVoucherPool_answers_a_second_level_resellers_pool_and_its_distributors_sum_as_the_bearer_api()
    {
        var distributor = new Scenario(app, "distributor");
        var resellers = new[] { new Scenario(app, "second-level-reseller", distributor.PartnerId), new Scenario(app, "second-level-reseller", distributor.PartnerId) };
        foreach (var (reseller, amount) in resellers.Zip(new[] { "100", "40.5" }))
        {
            await app.AsVendor("channel-manager").PostAsync($"/api/channel/distributors/{distributor.PartnerId}/resellers", new { resellerId = reseller.PartnerId, currency = "USD" }).Json(HttpStatusCode.Created);
            await distributor.Partner.PostAsync($"/api/distribution/resellers/{reseller.PartnerId}/quota", new { amount }).Json(HttpStatusCode.OK);
        }

        var first = resellers[0];
        var uin = await first.CustomerAsync(NumericUin());
        await first.IssueAsync(await first.TemplateIdAsync(), [uin], "30");
        var r = await RunAsync(app,
        [
            Call("slr", "sdk", await first.Partner.CreateKeyAsync("second-level-reseller"), "QueryVoucherPool"),
            Call("distributor", "sdk", await distributor.Partner.CreateKeyAsync("distributor"), "QueryVoucherPool"),
        ]);

        var quota = await first.Partner.GetAsync("/api/quota").Json(HttpStatusCode.OK);
        var slr = r.Ok("slr");
        Assert.Equal(3, (int)slr["AccountType"]!);
        Assert.Equal(first.PartnerId, (string)slr["AgentName"]!);
        Assert.Equal(Amount(quota, "total"), (decimal)slr["TotalQuota"]!);
        Assert.Equal(Amount(quota, "remaining"), (decimal)slr["RemainingQuota"]!);
        Assert.Equal(quota.GetProperty("issuedCount").GetInt32(), (int)slr["IssuedNum"]!);

        var pools = (await distributor.Partner.GetAsync("/api/distribution/resellers").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var sum = r.Ok("distributor");
        Assert.Equal(2, (int)sum["AccountType"]!);
        Assert.Equal(pools.Sum(p => Amount(p, "total")), (decimal)sum["TotalQuota"]!);
        Assert.Equal(pools.Sum(p => Amount(p, "remaining")), (decimal)sum["RemainingQuota"]!);
        Assert.Equal(140.5m - 30m, (decimal)sum["RemainingQuota"]!);
        Assert.Equal(1, (int)sum["IssuedNum"]!);
    }

    private async Task<World> WorldAsync()
    {
        var s = new Scenario(app);
        var uinA = await s.CustomerAsync(NumericUin());
        var uinB = await s.CustomerAsync(NumericUin());
        var uinText = await s.CustomerAsync();
        var template = await s.TemplateIdAsync();
        var used = (await s.IssueAsync(template, [uinA], "25.5")).GetProperty("vouchers")[0].Str("voucherId");
        var withdrawn = (await s.IssueAsync(template, [uinA], "10")).GetProperty("vouchers")[0].Str("voucherId");
        await s.IssueAsync(template, [uinB], "7");
        await s.IssueAsync(template, [uinText], "3");
        await app.TrialPairAsync(s.PartnerId, uinB);
        await s.Partner.PostAsync($"/api/customer-vouchers/{withdrawn}/withdraw", null).Json(HttpStatusCode.OK);
        var billTime = DateTimeOffset.UtcNow;
        await app.BillAsync(s.PartnerId, uinA, billTime, ("cvm", "5.25"));
        var reseller = await s.Partner.CreateKeyAsync("reseller");
        var customerA = await s.Partner.CreateKeyAsync("customer", uinA, "customer portal");
        return new World(s, uinA, uinB, uinText, used, 25.5m, 10m, reseller, customerA, billTime);
    }

    private async Task<List<JsonElement>> BearerVouchersAsync(World w) =>
        (await w.S.Partner.GetAsync("/api/customer-vouchers?pageSize=100").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(v => v.Str("customerUin") != w.UinText).ToList();

    private async Task<long> NumericIdAsync(World w, string voucherId) =>
        (await app.Vouchers().GetAsync(w.S.PartnerId, voucherId))!.Value.NumericId!.Value;

    private static string NumericUin() => "1" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);

    private static decimal Amount(JsonElement e, string property) => decimal.Parse(e.Str(property), CultureInfo.InvariantCulture);

    private static string Time(JsonElement e, string property) =>
        e.GetProperty(property).GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // The list vocabulary (Issued/Used/Expired/Invalidated) from the bearer API's lifecycle status and used amount.
    private static string ListStatus(JsonElement v) => v.Str("status") switch
    {
        "withdrawn" or "invalidated" => "Invalidated",
        "exhausted" => "Used",
        "expired" => "Expired",
        _ => decimal.Parse(v.Str("usedAmount"), CultureInfo.InvariantCulture) == 0 ? "Issued" : "Used",
    };

    private sealed record World(Scenario S, string UinA, string UinB, string UinText, string UsedVoucherId, decimal UsedAmount, decimal WithdrawnAmount, PartnerKey Reseller, PartnerKey CustomerA, DateTimeOffset BillTime);
}
