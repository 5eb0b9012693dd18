using System.Net;
using System.Text.Json;
using VoucherFunctions.Functions.Tests.Api.Approval;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api.Distribution;

/// <summary>Distributors, their second-level resellers and quota pools, through the real routes.</summary>
[Collection(AppCollection.Name)]
public sealed class DistributionApiTests(AppHostFixture app)
{
    /// <summary>A distributor with one registered second-level reseller (which has a customer and a customer template).</summary>
    private sealed class Tree(AppHostFixture app)
    {
        public Scenario Distributor { get; } = new(app, "distributor");
        public Scenario Reseller { get; private set; } = null!;
        public string ResellerId => Reseller.PartnerId;
        public string PoolPath => $"/api/distribution/resellers/{ResellerId}/quota";

        public async Task<Tree> RegisterAsync()
        {
            Reseller = new Scenario(app, "second-level-reseller", distributorId: Distributor.PartnerId);
            await app.AsVendor("channel-manager").PostAsync($"/api/channel/distributors/{Distributor.PartnerId}/resellers", new { resellerId = ResellerId, currency = "USD" }).Json(HttpStatusCode.Created);
            return this;
        }

        public Task<JsonElement> AdjustAsync(string amount, string? key = "new") =>
            Distributor.Partner.PostAsync(PoolPath, new { amount }, key).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Allocation_and_reclaim_are_effective_at_once_and_never_below_what_is_issued()
    {
        var tree = await new Tree(app).RegisterAsync();

        var allocated = await tree.AdjustAsync("100", "alloc-1");
        var replayed = await tree.AdjustAsync("100", "alloc-1");
        var reclaimed = await tree.AdjustAsync("-30");
        var (voucherId, _, _) = await tree.Reseller.VoucherAsync(amount: "60");
        var afterIssue = await tree.Distributor.Partner.GetAsync(tree.PoolPath).Json(HttpStatusCode.OK);
        await tree.Distributor.Partner.PostAsync(tree.PoolPath, new { amount = "-10.00000001" }).Problem(HttpStatusCode.UnprocessableEntity, "quota.below_issued");
        await tree.Distributor.Partner.PostAsync(tree.PoolPath, new { amount = "0" }).Problem(HttpStatusCode.BadRequest, "quota.invalid");
        var atTheEdge = await tree.AdjustAsync("-10");

        Assert.Equal(("100", "100"), (allocated.Str("total"), allocated.Str("remaining")));
        Assert.Equal(allocated.ToString(), replayed.ToString());
        Assert.Equal(("70", "70"), (reclaimed.Str("total"), reclaimed.Str("remaining")));
        Assert.Equal(("70", "10", "60", 1), (afterIssue.Str("total"), afterIssue.Str("remaining"), afterIssue.Str("issued"), afterIssue.GetProperty("issuedCount").GetInt32()));
        Assert.Equal(("60", "0"), (atTheEdge.Str("total"), atTheEdge.Str("remaining")));

        var voucher = await tree.Reseller.Partner.GetAsync($"/api/customer-vouchers/{voucherId}").Json(HttpStatusCode.OK);
        Assert.Equal("distributor", voucher.Str("fundingParty"));
        Assert.Equal(tree.Distributor.PartnerId, voucher.Str("distributorId"));
        await tree.Reseller.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null).Json(HttpStatusCode.OK);
        var afterWithdraw = await tree.Reseller.Partner.GetAsync("/api/quota").Json(HttpStatusCode.OK);
        Assert.Equal(("60", "60", 0), (afterWithdraw.Str("total"), afterWithdraw.Str("remaining"), afterWithdraw.GetProperty("issuedCount").GetInt32()));
        var listed = await tree.Distributor.Partner.GetAsync("/api/distribution/resellers").Json(HttpStatusCode.OK);
        Assert.Equal(tree.ResellerId, Assert.Single(listed.GetProperty("items").EnumerateArray()).Str("resellerId"));

        // Each adjustment is announced once to each partner it concerns, each event carrying that partner; the replay
        // and the refused adjustments are not announced.
        foreach (var partner in new[] { tree.ResellerId, tree.Distributor.PartnerId })
        {
            var allocatedEvent = Assert.Single(app.Events.Of(partner, "quota.allocated"));
            Assert.Equal("resellers/" + tree.ResellerId + "/quota", allocatedEvent.Subject);
            Assert.Equal("100", ((JsonElement)allocatedEvent.Data!).Str("amount"));
            Assert.Equal(["30", "10"], app.Events.Of(partner, "quota.reclaimed").Select(e => ((JsonElement)e.Data!).Str("amount")));
        }

        Assert.Single(app.Events.Of(tree.ResellerId, "voucher.issued"));
        Assert.Single(app.Events.Of(tree.ResellerId, "voucher.withdrawn"));
        Assert.Empty(app.Events.Of(tree.Distributor.PartnerId, "voucher.issued"));
    }

    [Fact]
    public async Task A_repeated_reclaim_answers_its_first_result_and_never_reclaims_twice()
    {
        var tree = await new Tree(app).RegisterAsync();
        await tree.AdjustAsync("100");

        var reclaimed = await tree.AdjustAsync("-100", "reclaim-all");
        var replay = await tree.Distributor.Partner.PostAsync(tree.PoolPath, new { amount = "-100" }, "reclaim-all");
        var replayed = await replay.Json(HttpStatusCode.OK);
        await tree.Distributor.Partner.PostAsync(tree.PoolPath, new { amount = "-50" }, "reclaim-all").Problem((HttpStatusCode)422, "idempotency.key_reused");

        Assert.Equal(reclaimed.ToString(), replayed.ToString());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        var pool = await tree.Distributor.Partner.GetAsync(tree.PoolPath).Json(HttpStatusCode.OK);
        Assert.Equal(("0", "0"), (pool.Str("total"), pool.Str("remaining")));
    }

    [Fact]
    public async Task Twenty_concurrent_issues_against_a_pool_of_ten_succeed_exactly_ten_times()
    {
        var tree = await new Tree(app).RegisterAsync();
        await tree.AdjustAsync("10");
        var uin = await tree.Reseller.CustomerAsync();
        var templateId = await tree.Reseller.TemplateIdAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            tree.Reseller.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "1" })));
        var codes = await Task.WhenAll(responses.Select(async r => r.IsSuccessStatusCode ? "created" : JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Str("code")));

        Assert.Equal(10, codes.Count(c => c == "created"));
        Assert.Equal(10, codes.Count(c => c == "quota.insufficient"));
        var pool = await tree.Reseller.Partner.GetAsync("/api/quota").Json(HttpStatusCode.OK);
        Assert.Equal(("0", 10), (pool.Str("remaining"), pool.GetProperty("issuedCount").GetInt32()));
        var vouchers = await tree.Reseller.Partner.GetAsync("/api/customer-vouchers?pageSize=100").Json(HttpStatusCode.OK);
        Assert.Equal(10, vouchers.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_second_level_reseller_issues_only_customer_discounts_of_its_own_customers_within_its_own_pool()
    {
        var tree = await new Tree(app).RegisterAsync();
        await tree.AdjustAsync("100");
        var other = await new Tree(app).RegisterAsync();
        var foreignUin = await other.Reseller.CustomerAsync();
        var uin = await tree.Reseller.CustomerAsync();
        var trialTemplateId = await tree.Reseller.TemplateIdAsync(TrialScenario.PartnerTemplate());
        var templateId = await tree.Reseller.TemplateIdAsync();
        var reseller = tree.Reseller.Partner;

        await reseller.PostAsync("/api/customer-vouchers", new { templateId = trialTemplateId, customerUins = new[] { uin } }).Problem(HttpStatusCode.UnprocessableEntity, "template.wrong_family");
        await reseller.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { foreignUin } }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await reseller.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "100.01" }).Problem(HttpStatusCode.UnprocessableEntity, "quota.insufficient");
        await reseller.PostAsync("/api/applications", new { templateId = trialTemplateId, customerUins = new[] { uin }, acknowledged = true }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await reseller.GetAsync($"/api/distribution/resellers/{other.ResellerId}/quota").Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await tree.Distributor.Partner.GetAsync($"/api/distribution/resellers/{other.ResellerId}/quota").Problem(HttpStatusCode.NotFound, "resource.not_found");
        await tree.Distributor.Partner.PostAsync($"/api/distribution/resellers/{other.ResellerId}/quota", new { amount = "5" }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        var channel = app.AsVendor("channel-manager");
        await channel.PostAsync($"/api/channel/distributors/{tree.Distributor.PartnerId}/resellers", new { resellerId = other.ResellerId, currency = "USD" }).Problem(HttpStatusCode.Conflict, "resource.already_exists");
        var again = await channel.PostAsync($"/api/channel/distributors/{tree.Distributor.PartnerId}/resellers", new { resellerId = tree.ResellerId, currency = "USD" }).Json(HttpStatusCode.Created);
        Assert.Equal("100", again.Str("total"));
        // A distributor cannot claim a partner as its reseller (and so reach that partner's customers).
        var victim = new Scenario(app);
        var victimUin = await victim.CustomerAsync();
        await tree.Distributor.Partner.PostAsync($"/api/channel/distributors/{tree.Distributor.PartnerId}/resellers", new { resellerId = victim.PartnerId, currency = "USD" }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        var trial = await tree.Distributor.TemplateIdAsync(TrialScenario.PartnerTemplate());
        await tree.Distributor.Partner.PostAsync("/api/applications", new { templateId = trial, customerUins = new[] { victimUin }, acknowledged = true, secondLevelResellerId = victim.PartnerId }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        var orphan = new Scenario(app, "second-level-reseller", distributorId: tree.Distributor.PartnerId);
        await orphan.Partner.GetAsync("/api/quota").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_distributor_applies_for_its_second_level_resellers_customer_and_funds_the_trial_customer_voucher()
    {
        var tree = await new Tree(app).RegisterAsync();
        var uin = await tree.Reseller.CustomerAsync();
        var templateId = await tree.Distributor.TemplateIdAsync(TrialScenario.PartnerTemplate());
        var reviewer = app.AsVendor("reviewer");
        var stranger = await new Tree(app).RegisterAsync();

        await tree.Distributor.Partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, acknowledged = true }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await tree.Distributor.Partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, acknowledged = true, secondLevelResellerId = stranger.ResellerId }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await new Scenario(app).Partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, acknowledged = true, secondLevelResellerId = tree.ResellerId }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        var applied = await tree.Distributor.Partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, amount = "40", acknowledged = true, secondLevelResellerId = tree.ResellerId }).Json(HttpStatusCode.Created);
        Assert.Equal(tree.ResellerId, applied.Str("secondLevelResellerId"));
        await reviewer.PostAsync($"/api/reviews/partners/{tree.Distributor.PartnerId}/applications/{applied.Str("applicationId")}/approve", null, idempotencyKey: null).Json(HttpStatusCode.OK);
        var pair = (await TrialScenario.WhenIssuedAsync(tree.Distributor.Partner, applied.Str("applicationId"))).GetProperty("vouchers")[0];

        var typeII = await tree.Distributor.Partner.GetAsync($"/api/partner-vouchers/{pair.Str("partnerVoucherId")}").Json(HttpStatusCode.OK);
        var typeIII = await tree.Reseller.Partner.GetAsync($"/api/customer-vouchers/{pair.Str("customerVoucherId")}").Json(HttpStatusCode.OK);
        Assert.Equal("typeII", typeII.Str("type"));
        Assert.Equal(("productTrial", "distributor", tree.Distributor.PartnerId), (typeIII.Str("purpose"), typeIII.Str("fundingParty"), typeIII.Str("distributorId")));
        var associated = await tree.Reseller.Partner.GetAsync($"/api/customer-vouchers/{pair.Str("customerVoucherId")}/associated").Json(HttpStatusCode.OK);
        Assert.Equal(pair.Str("partnerVoucherId"), associated.Str("voucherId"));

        var invalidated = await tree.Distributor.Partner.PostAsync($"/api/partner-vouchers/{pair.Str("partnerVoucherId")}/invalidate", null).Json(HttpStatusCode.OK);
        Assert.Equal("withdrawn", Assert.Single(invalidated.GetProperty("customerVouchers").EnumerateArray()).Str("status"));
        var withdrawn = await tree.Reseller.Partner.GetAsync($"/api/customer-vouchers/{pair.Str("customerVoucherId")}").Json(HttpStatusCode.OK);
        Assert.Equal(("withdrawn", "0", "40"), (withdrawn.Str("status"), withdrawn.Str("balance"), withdrawn.Str("withdrawnAmount")));
    }

    [Fact]
    public async Task Role_matrix_of_the_distribution_endpoints()
    {
        var tree = await new Tree(app).RegisterAsync();
        var callers = new Dictionary<string, ApiClient>
        {
            ["reseller"] = new Scenario(app).Partner,
            ["distributor"] = tree.Distributor.Partner,
            ["second-level-reseller"] = tree.Reseller.Partner,
            ["reviewer"] = app.AsVendor("reviewer"),
            ["channel-manager"] = app.AsVendor("channel-manager"),
            ["customer"] = app.AsCustomer(tree.ResellerId, "u-1"),
        };
        var endpoints = new (string Name, Func<ApiClient, Task<HttpResponseMessage>> Call, string[] Allowed)[]
        {
            ("register", c => c.PostAsync($"/api/channel/distributors/{tree.Distributor.PartnerId}/resellers", new { resellerId = tree.ResellerId, currency = "USD" }), ["channel-manager"]),
            ("list pools", c => c.GetAsync("/api/distribution/resellers"), ["distributor"]),
            ("get pool", c => c.GetAsync(tree.PoolPath), ["distributor"]),
            ("adjust pool", c => c.PostAsync(tree.PoolPath, new { amount = "1" }), ["distributor"]),
            ("own pool", c => c.GetAsync("/api/quota"), ["second-level-reseller"]),
            ("apply", c => c.PostAsync("/api/applications", new { }), ["reseller", "distributor"]),
            ("issue customer vouchers", c => c.PostAsync("/api/customer-vouchers", new { }), ["reseller", "distributor", "second-level-reseller"]),
            ("partner vouchers", c => c.GetAsync("/api/partner-vouchers"), ["reseller", "distributor", "second-level-reseller"]),
            ("review queue", c => c.GetAsync("/api/reviews/applications"), ["reviewer"]),
            ("grant type I", c => c.PostAsync($"/api/channel/partners/{tree.ResellerId}/general-vouchers", new { }), ["channel-manager"]),
        };

        foreach (var (name, call, allowed) in endpoints)
        {
            foreach (var (role, client) in callers)
            {
                var response = await call(client);
                if (allowed.Contains(role))
                {
                    Assert.True(response.StatusCode != HttpStatusCode.Forbidden && response.StatusCode != HttpStatusCode.Unauthorized, $"{role} should reach '{name}' but got {(int)response.StatusCode}.");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} should be refused '{name}' with 403 but got {(int)response.StatusCode}.");
                }
            }
        }
    }
}
