using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api.Approval;

/// <summary>Type II through the real routes: apply, review, the durable approval on Azurite, partner vouchers, invalidation.</summary>
[Collection(AppCollection.Name)]
public sealed class ApplicationApiTests(AppHostFixture app)
{
    [Fact]
    public async Task Apply_review_and_approve_issue_type_ii_and_type_iii_vouchers()
    {
        var trial = new TrialScenario(app);
        var applied = await trial.ApplyAsync(customers: 2);
        var applicationId = applied.Str("applicationId");
        Assert.Equal("pendingApproval", applied.Str("status"));
        Assert.False(applied.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain("statusQueryGetUri", applied.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code=", applied.ToString(), StringComparison.Ordinal);

        var queue = await trial.Reviewer.GetAsync("/api/reviews/applications?pageSize=100").Json(HttpStatusCode.OK);
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), a => a.Str("applicationId") == applicationId && a.Str("partnerId") == trial.Partner.PartnerId);

        var approved = await trial.Reviewer.PostAsync(trial.DecisionPath(applied, "approve"), null, idempotencyKey: null).Json(HttpStatusCode.OK);
        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal("reviewer-1", approved.Str("decidedBy"));

        var issued = await trial.WhenIssuedAsync(applicationId);
        var pairs = issued.GetProperty("vouchers").EnumerateArray().ToList();
        Assert.Equal(2, pairs.Count);
        var partnerVouchers = await trial.Partner.Partner.GetAsync($"/api/partner-vouchers?type=typeII&applicationId={applicationId}").Json(HttpStatusCode.OK);
        Assert.Equal(pairs.Select(p => p.Str("partnerVoucherId")).Order(), partnerVouchers.GetProperty("items").EnumerateArray().Select(v => v.Str("voucherId")).Order());
        foreach (var pair in pairs)
        {
            var typeII = await trial.Partner.Partner.GetAsync($"/api/partner-vouchers/{pair.Str("partnerVoucherId")}").Json(HttpStatusCode.OK);
            Assert.Equal("active", typeII.Str("status"));
            Assert.Equal("Issued", typeII.Str("vendorStatus"));
            Assert.Equal("80", typeII.Str("balance"));
            var associated = await trial.Partner.Partner.GetAsync($"/api/partner-vouchers/{pair.Str("partnerVoucherId")}/customer-vouchers").Json(HttpStatusCode.OK);
            var typeIII = Assert.Single(associated.EnumerateArray());
            Assert.Equal(pair.Str("customerVoucherId"), typeIII.Str("voucherId"));
            Assert.Equal("productTrial", typeIII.Str("purpose"));
            Assert.Equal(typeII.Str("expiresAt"), typeIII.Str("expiresAt"));
        }
        await trial.Reviewer.PostAsync(trial.DecisionPath(applied, "reject"), new { reason = "changed my mind" }, idempotencyKey: null)
            .Problem(HttpStatusCode.Conflict, "application.not_pending");
    }

    [Fact]
    public async Task Rejection_needs_a_reason_keeps_it_and_issues_nothing()
    {
        var trial = new TrialScenario(app);
        var applied = await trial.ApplyAsync();

        await trial.Reviewer.PostAsync(trial.DecisionPath(applied, "reject"), new { reason = " " }, idempotencyKey: null).Problem(HttpStatusCode.BadRequest, "request.field_required");
        var rejected = await trial.Reviewer.PostAsync(trial.DecisionPath(applied, "reject"), new { reason = "Trial quota used up" }, idempotencyKey: null).Json(HttpStatusCode.OK);

        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("Trial quota used up", rejected.Str("rejectReason"));
        var got = await trial.Partner.Partner.GetAsync($"/api/applications/{applied.Str("applicationId")}").Json(HttpStatusCode.OK);
        Assert.Equal(["submitted", "rejected"], got.GetProperty("timeline").EnumerateArray().Select(e => e.Str("kind")));
        Assert.Empty(got.GetProperty("vouchers").EnumerateArray());
        await trial.Reviewer.PostAsync(trial.DecisionPath(applied, "approve"), null, idempotencyKey: null).Problem(HttpStatusCode.Conflict, "application.not_pending");
        Assert.Empty((await trial.Partner.Partner.GetAsync("/api/partner-vouchers").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_partner_can_cancel_a_pending_review_and_then_no_decision_is_possible()
    {
        var trial = new TrialScenario(app);
        var applied = await trial.ApplyAsync();

        var cancelled = await trial.Partner.Partner.PostAsync($"/api/applications/{applied.Str("applicationId")}/cancel", null, idempotencyKey: null).Json(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.Str("status"));
        await trial.Partner.Partner.PostAsync($"/api/applications/{applied.Str("applicationId")}/cancel", null, idempotencyKey: null).Problem(HttpStatusCode.Conflict, "application.not_pending");
        await trial.Reviewer.PostAsync(trial.DecisionPath(applied, "approve"), null, idempotencyKey: null).Problem(HttpStatusCode.Conflict, "application.not_pending");
        var listed = await trial.Partner.Partner.GetAsync("/api/applications?status=cancelled").Json(HttpStatusCode.OK);
        Assert.Equal(applied.Str("applicationId"), Assert.Single(listed.GetProperty("items").EnumerateArray()).Str("applicationId"));
    }

    [Fact]
    public async Task A_repeated_apply_with_the_same_key_returns_the_same_application_and_another_body_is_refused()
    {
        var trial = new TrialScenario(app);
        var uin = await trial.Partner.CustomerAsync();
        var templateId = await trial.Partner.TemplateIdAsync(TrialScenario.PartnerTemplate());
        var body = new { templateId, customerUins = new[] { uin }, amount = "10", acknowledged = true };

        var first = await trial.Partner.Partner.PostAsync("/api/applications", body, "apply-1").Json(HttpStatusCode.Created);
        var replay = await trial.Partner.Partner.PostAsync("/api/applications", body, "apply-1");
        var replayed = await replay.Json(HttpStatusCode.Created);
        await trial.Partner.Partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, amount = "11", acknowledged = true }, "apply-1")
            .Problem((HttpStatusCode)422, "idempotency.key_reused");

        Assert.Equal(first.Str("applicationId"), replayed.Str("applicationId"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        var listed = await trial.Partner.Partner.GetAsync("/api/applications").Json(HttpStatusCode.OK);
        Assert.Single(listed.GetProperty("items").EnumerateArray());
        // Announced once, by the first request: the replay and the refused body announce nothing.
        var submitted = Assert.Single(app.Events.Of(trial.Partner.PartnerId, "application.submitted"));
        Assert.Equal("applications/" + first.Str("applicationId"), submitted.Subject);
    }

    [Fact]
    public async Task A_repeated_apply_starts_the_review_when_the_first_request_stopped_before_starting_it()
    {
        var trial = new TrialScenario(app);
        var uin = await trial.Partner.CustomerAsync();
        var templateId = await trial.Partner.TemplateIdAsync(TrialScenario.PartnerTemplate());
        var body = new { templateId, customerUins = new[] { uin }, amount = "10", acknowledged = true };
        var first = await trial.Partner.Partner.PostAsync("/api/applications", body, "apply-lost").Json(HttpStatusCode.Created);
        var instanceId = VoucherFunctions.Approval.ApprovalInput.InstanceIdFor(first.Str("applicationId"));

        // As if the first request had stopped between storing the application and starting its review.
        var client = app.Host.DurableClient;
        await client.TerminateInstanceAsync(instanceId);
        await client.WaitForInstanceCompletionAsync(instanceId);
        await client.PurgeInstanceAsync(instanceId);
        Assert.Null(await client.GetInstanceAsync(instanceId));

        var replay = await trial.Partner.Partner.PostAsync("/api/applications", body, "apply-lost");

        Assert.Equal(first.ToString(), (await replay.Json(HttpStatusCode.Created)).ToString());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.NotNull(await client.GetInstanceAsync(instanceId));
    }

    [Fact]
    public async Task Applications_are_refused_without_acknowledgement_for_unknown_or_foreign_customers_and_for_customer_templates()
    {
        var trial = new TrialScenario(app);
        var other = new Scenario(app);
        var uin = await trial.Partner.CustomerAsync();
        var foreignUin = await other.CustomerAsync();
        var templateId = await trial.Partner.TemplateIdAsync(TrialScenario.PartnerTemplate());
        var customerTemplateId = await trial.Partner.TemplateIdAsync();
        var partner = trial.Partner.Partner;

        await partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, acknowledged = false }).Problem(HttpStatusCode.UnprocessableEntity, "application.not_acknowledged");
        await partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { foreignUin }, acknowledged = true }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await partner.PostAsync("/api/applications", new { templateId = "tpl-nope", customerUins = new[] { uin }, acknowledged = true }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await partner.PostAsync("/api/applications", new { templateId, customerUins = Array.Empty<string>(), acknowledged = true }).Problem(HttpStatusCode.BadRequest, "request.field_invalid");
        await partner.PostAsync("/api/applications", new { templateId = customerTemplateId, customerUins = new[] { uin }, acknowledged = true }).Problem(HttpStatusCode.UnprocessableEntity, "template.wrong_family");
        await partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, acknowledged = true, amount = "1.123456789" }).Problem(HttpStatusCode.BadRequest, "money.too_many_fraction_digits");
        Assert.Empty(app.Events.Of(trial.Partner.PartnerId));
        Assert.Empty(app.Events.Of(other.PartnerId));
    }

    [Fact]
    public async Task Roles_and_tenants_are_kept_apart()
    {
        var trial = new TrialScenario(app);
        var applied = await trial.ApplyAsync();
        var applicationId = applied.Str("applicationId");
        var stranger = new Scenario(app).Partner;
        var secondLevel = new Scenario(app, "second-level-reseller", distributorId: "d-1").Partner;

        await stranger.GetAsync($"/api/applications/{applicationId}").Problem(HttpStatusCode.NotFound, "resource.not_found");
        await stranger.PostAsync($"/api/applications/{applicationId}/cancel", null, idempotencyKey: null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        Assert.DoesNotContain((await stranger.GetAsync("/api/applications").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(), a => a.Str("applicationId") == applicationId);
        await secondLevel.PostAsync("/api/applications", new { templateId = "t", customerUins = new[] { "u" }, acknowledged = true }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await trial.Partner.Partner.PostAsync(trial.DecisionPath(applied, "approve"), null, idempotencyKey: null).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await trial.Partner.Partner.GetAsync("/api/reviews/applications").Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await trial.Reviewer.PostAsync("/api/applications", new { }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await app.WithToken(null).GetAsync("/api/applications").Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await trial.Reviewer.PostAsync($"/api/reviews/partners/{trial.Partner.PartnerId}/applications/app-unknown/approve", null, idempotencyKey: null).Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task Invalidating_a_type_ii_withdraws_the_unused_balance_of_its_type_iii_and_keeps_the_usage_history()
    {
        var trial = new TrialScenario(app);
        var applied = await trial.ApplyAsync(amount: "80");
        await trial.Reviewer.PostAsync(trial.DecisionPath(applied, "approve"), null, idempotencyKey: null).Json(HttpStatusCode.OK);
        var pair = (await trial.WhenIssuedAsync(applied.Str("applicationId"))).GetProperty("vouchers")[0];
        var partnerVoucherId = pair.Str("partnerVoucherId");
        var customerVoucherId = pair.Str("customerVoucherId");
        var uin = pair.Str("customerUin");

        // The customer consumes 30 of its trial voucher (a customer bill, applied by the real deduction path).
        await app.BillAsync(trial.Partner.PartnerId, uin, DateTimeOffset.UtcNow, ("cvm", "30"));
        var before = (await trial.Partner.Partner.GetAsync($"/api/partner-vouchers/{partnerVoucherId}/customer-vouchers").Json(HttpStatusCode.OK))[0];
        Assert.Equal("50", before.Str("balance"));
        Assert.Equal("30", before.Str("usedAmount"));

        var response = await trial.Partner.Partner.PostAsync($"/api/partner-vouchers/{partnerVoucherId}/invalidate", null, "invalidate-1");
        var result = await response.Json(HttpStatusCode.OK);

        Assert.Equal("invalidated", result.GetProperty("partnerVoucher").Str("status"));
        Assert.Equal("Invalidated", result.GetProperty("partnerVoucher").Str("vendorStatus"));
        var withdrawn = Assert.Single(result.GetProperty("customerVouchers").EnumerateArray());
        Assert.Equal(customerVoucherId, withdrawn.Str("voucherId"));
        Assert.Equal("withdrawn", withdrawn.Str("status"));
        Assert.Equal("0", withdrawn.Str("balance"));
        Assert.Equal("30", withdrawn.Str("usedAmount"));
        Assert.Equal("50", withdrawn.Str("withdrawnAmount"));
        var replay = await trial.Partner.Partner.PostAsync($"/api/partner-vouchers/{partnerVoucherId}/invalidate", null, "invalidate-1");
        Assert.Equal(result.ToString(), (await replay.Json(HttpStatusCode.OK)).ToString());
        var usage = await app.Host.Services.GetRequiredService<Domain.Ports.IUsageStore>().ListByVoucherAsync(trial.Partner.PartnerId, customerVoucherId, null, Domain.Ports.PageRequest.First());
        Assert.Equal(30_00000000L, Assert.Single(usage.Items).Amount.MinorUnits);
        await new Scenario(app).Partner.PostAsync($"/api/partner-vouchers/{partnerVoucherId}/invalidate", null).Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_channel_manager_grants_a_type_i_voucher_once_per_idempotency_key()
    {
        var partner = new Scenario(app);
        var channel = app.AsVendor("channel-manager");
        var grant = new { name = "Launch credit", amount = "1000", currency = "USD", productScope = new { kind = "allProducts" }, paymentModeScope = "all", validity = new { days = 90 } };
        var path = $"/api/channel/partners/{partner.PartnerId}/general-vouchers";

        var first = await channel.PostAsync(path, grant, "grant-1");
        var created = await first.Json(HttpStatusCode.Created);
        var replay = await channel.PostAsync(path, grant, "grant-1");
        var replayed = await replay.Json(HttpStatusCode.Created);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await channel.PostAsync(path, grant with { }, idempotencyKey: null).Problem(HttpStatusCode.BadRequest, "idempotency.key_required");
        await channel.PostAsync(path, new { name = "Launch credit", amount = "2000", currency = "USD", productScope = new { kind = "allProducts" }, validity = new { days = 90 } }, "grant-1")
            .Problem((HttpStatusCode)422, "idempotency.key_reused");
        await partner.Partner.PostAsync(path, grant).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await channel.PostAsync(path, grant with { validity = new { days = 30 } }, "grant-1").Problem((HttpStatusCode)422, "idempotency.key_reused");
        await channel.PostAsync(path, new { grant.name, note = "another note", grant.amount, grant.currency, grant.productScope, grant.paymentModeScope, grant.validity }, "grant-1")
            .Problem((HttpStatusCode)422, "idempotency.key_reused");
        await channel.PostAsync(path, grant, idempotencyKey: "bad/key").Problem(HttpStatusCode.BadRequest, "idempotency.key_invalid");

        Assert.Equal(created.Str("voucherId"), replayed.Str("voucherId"));
        Assert.Equal("typeI", created.Str("type"));
        Assert.Equal("general", created.Str("purpose"));
        var listed = await partner.Partner.GetAsync("/api/partner-vouchers?type=typeI").Json(HttpStatusCode.OK);
        Assert.Equal("1000", Assert.Single(listed.GetProperty("items").EnumerateArray()).Str("balance"));
    }
}
