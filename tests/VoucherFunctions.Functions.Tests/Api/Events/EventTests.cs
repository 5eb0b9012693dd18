using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using CloudNative.CloudEvents;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Billing;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Events;
using VoucherFunctions.Expiry;
using VoucherFunctions.Functions.Tests.Api.Approval;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Storage;
using VoucherFunctions.Storage.Outbox;

namespace VoucherFunctions.Functions.Tests.Api.Events;

/// <summary>
/// Every change is announced once, by the operation that made it, with the same id however often the operation is
/// retried or the message redelivered, and never for a refused operation. Through the real routes and queues of the
/// local host; what reaches voucher-events is recorded by <see cref="VoucherFunctions.TestSupport.EventRecorder"/>.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EventTests(AppHostFixture app)
{
    [Fact]
    public async Task Issuance_and_withdrawal_are_announced_once_and_a_replay_or_a_refusal_announces_nothing()
    {
        var s = new Scenario(app);
        var a = await s.CustomerAsync();
        var b = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var issued = await s.IssueAsync(templateId, [a, b], "25.5", key: "issue-1");
        await s.IssueAsync(templateId, [a, b], "25.5", key: "issue-1");
        var first = issued.GetProperty("vouchers")[0];
        var voucherId = first.Str("voucherId");
        await s.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null, "withdraw-1").Json(HttpStatusCode.OK);
        await s.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null, "withdraw-1").Json(HttpStatusCode.OK);
        await s.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null, "withdraw-2").Problem(HttpStatusCode.Conflict, "voucher.not_withdrawable");

        var events = app.Events.Of(s.PartnerId);
        Assert.Equal(["voucher.issued", "voucher.issued", "voucher.withdrawn"], events.Select(e => e.Type));
        var issuedEvent = events.First(e => e.Subject == "vouchers/" + voucherId);
        Assert.Equal(CloudEventsSpecVersion.V1_0, issuedEvent.SpecVersion);
        Assert.Equal(new Uri("/partners/" + s.PartnerId, UriKind.Relative), issuedEvent.Source);
        Assert.Equal(EventIds.For(EventTypes.VoucherIssued, s.PartnerId, voucherId), issuedEvent.Id);
        Assert.Equal(first.GetProperty("issuedAt").GetDateTimeOffset(), issuedEvent.Time!.Value, TimeSpan.FromMilliseconds(1));
        var data = (JsonElement)issuedEvent.Data!;
        Assert.Equal(("25.5", "25.5", "typeIII", a), (data.Str("amount"), data.Str("balance"), data.Str("type"), data.Str("customerUin")));
        var withdrawn = (JsonElement)events.Single(e => e.Type == "voucher.withdrawn").Data!;
        Assert.Equal(("0", "25.5", "withdrawn"), (withdrawn.Str("balance"), withdrawn.Str("withdrawnAmount"), withdrawn.Str("status")));
    }

    [Fact]
    public async Task The_largest_issuance_fits_one_transaction_with_its_outbox_row_and_one_more_customer_is_refused()
    {
        var s = new Scenario(app);
        var uins = new List<string>();
        for (var i = 0; i < 49; i++)
        {
            uins.Add(await s.CustomerAsync());
        }

        var templateId = await s.TemplateIdAsync();
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = uins, amount = "1" }).Problem(HttpStatusCode.BadRequest, "request.too_many_customers");
        // 48 vouchers are 96 writes, with the template lock, the idempotency record and the outbox row 99.
        var issued = await s.IssueAsync(templateId, [.. uins.Take(48)], "1");

        Assert.Equal(48, issued.GetProperty("vouchers").GetArrayLength());
        Assert.Equal(48, app.Events.Of(s.PartnerId, "voucher.issued").Count);
    }

    [Fact]
    public async Task Of_twenty_concurrent_withdrawals_of_one_voucher_one_applies_and_only_it_is_announced()
    {
        var s = new Scenario(app);
        var (voucherId, _, _) = await s.VoucherAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => s.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null, "w-" + i)));

        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single(app.Events.Of(s.PartnerId, "voucher.withdrawn"));
    }

    [Fact]
    public async Task A_bill_announces_itself_and_the_voucher_it_exhausts_once_even_when_delivered_again()
    {
        var s = new Scenario(app);
        var (voucherId, uin, _) = await s.VoucherAsync("25.5");
        var bill = Bill.Create("bill-" + Guid.NewGuid().ToString("N")[..8], s.PartnerId, PayerKind.Customer, uin, Currency.USD, DateTimeOffset.UtcNow,
            [new BillLine("1", "cvm", null, PaymentMode.Postpaid, Money.Parse("30", Currency.USD))]);
        var processor = app.Host.Services.GetRequiredService<BillGroupProcessor>();

        var applied = Assert.IsType<BillDecision.Applied>(Assert.Single(await processor.ProcessAsync(s.PartnerId, [bill], default)).Decision);
        Assert.IsType<BillDecision.Duplicate>(Assert.Single(await processor.ProcessAsync(s.PartnerId, [bill], default)).Decision);

        var billEvent = Assert.Single(app.Events.Of(s.PartnerId, "bill.applied"));
        Assert.Equal("bills/" + bill.BillId, billEvent.Subject);
        Assert.Equal(applied.Outcome.AppliedAt, billEvent.Time!.Value, TimeSpan.FromMilliseconds(1));
        var data = (JsonElement)billEvent.Data!;
        Assert.Equal(("30", "25.5", "4.5"), (data.Str("totalAmount"), data.Str("totalAllocated"), data.Str("totalRemainingPayable")));
        var used = Assert.Single(data.GetProperty("vouchers").EnumerateArray());
        Assert.Equal((voucherId, "25.5"), (used.Str("voucherId"), used.Str("amount")));
        var exhausted = Assert.Single(app.Events.Of(s.PartnerId, "voucher.exhausted"));
        Assert.Equal("vouchers/" + voucherId, exhausted.Subject);
    }

    [Fact]
    public async Task A_bill_refused_from_the_bills_queue_is_announced_once_however_often_it_is_delivered()
    {
        var s = new Scenario(app);
        await s.CustomerAsync();
        var billId = "bill-" + Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.Serialize(new
        {
            version = 1, billId, partnerId = s.PartnerId, payerKind = "customer", customerUin = "stranger-1", currency = "USD",
            billTime = DateTimeOffset.UtcNow, lines = new[] { new { lineId = "1", productCode = "cvm", paymentMode = "postpaid", amount = "1" } },
        });
        var bills = new QueueClient(app.Host.StorageConnectionString, QueueNames.Bills, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        await bills.SendMessageAsync(body);
        await WaitUntilAsync(() => Task.FromResult(app.Events.Of(s.PartnerId, "bill.rejected").Count == 1));
        await bills.SendMessageAsync(body);
        await WaitUntilAsync(async () => (await app.Host.Services.GetRequiredService<IBillRejectionStore>().GetAsync(s.PartnerId, PayerKind.Customer, "stranger-1", billId)) is not null);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var rejected = Assert.Single(app.Events.Of(s.PartnerId, "bill.rejected"));
        Assert.Equal("bill.unknown_customer", ((JsonElement)rejected.Data!).Str("code"));
        Assert.Empty(app.Events.Of(s.PartnerId, "bill.applied"));
    }

    [Fact]
    public async Task An_invalidation_announces_the_trial_voucher_invalidated_and_its_customer_voucher_withdrawn()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var (partnerVoucherId, customerVoucherId) = await app.TrialPairAsync(s.PartnerId, uin);

        await s.Partner.PostAsync($"/api/partner-vouchers/{partnerVoucherId}/invalidate", null, "inv-1").Json(HttpStatusCode.OK);
        await s.Partner.PostAsync($"/api/partner-vouchers/{partnerVoucherId}/invalidate", null, "inv-1").Json(HttpStatusCode.OK);

        var events = app.Events.Of(s.PartnerId);
        Assert.Equal("vouchers/" + partnerVoucherId, Assert.Single(events, e => e.Type == "voucher.activated").Subject);
        Assert.Equal("vouchers/" + customerVoucherId, Assert.Single(events, e => e.Type == "voucher.issued").Subject);
        Assert.Equal("vouchers/" + partnerVoucherId, Assert.Single(events, e => e.Type == "voucher.invalidated").Subject);
        Assert.Equal("vouchers/" + customerVoucherId, Assert.Single(events, e => e.Type == "voucher.withdrawn").Subject);
    }

    [Fact]
    public async Task A_general_voucher_grant_is_announced_once_and_its_repeat_is_not()
    {
        var partnerId = "p-" + Guid.NewGuid().ToString("N")[..12];
        var channel = app.AsVendor("channel-manager");
        var grant = new { name = "Launch credit", amount = "1000", currency = "USD", productScope = new { kind = "allProducts" }, validity = new { days = 90 } };

        var granted = await channel.PostAsync($"/api/channel/partners/{partnerId}/general-vouchers", grant, "grant-1").Json(HttpStatusCode.Created);
        await channel.PostAsync($"/api/channel/partners/{partnerId}/general-vouchers", grant, "grant-1").Json(HttpStatusCode.Created);

        var issued = Assert.Single(app.Events.Of(partnerId));
        Assert.Equal(("voucher.issued", "vouchers/" + granted.Str("voucherId")), (issued.Type, issued.Subject));
        Assert.Equal("typeI", ((JsonElement)issued.Data!).Str("type"));
    }

    [Fact]
    public async Task A_submission_and_its_rejection_are_announced_once_and_a_second_decision_is_refused_unannounced()
    {
        var trial = new TrialScenario(app);
        var application = await trial.ApplyAsync();
        await trial.Reviewer.PostAsync(trial.DecisionPath(application, "reject"), new { reason = "not eligible" }, null).Json(HttpStatusCode.OK);
        await trial.Reviewer.PostAsync(trial.DecisionPath(application, "approve"), null, null).Problem(HttpStatusCode.Conflict, "application.not_pending");

        var events = app.Events.Of(trial.Partner.PartnerId).Where(e => e.Subject == "applications/" + application.Str("applicationId")).ToList();
        Assert.Equal(["application.submitted", "application.rejected"], events.Select(e => e.Type));
        Assert.Equal("not eligible", ((JsonElement)events[1].Data!).Str("rejectReason"));
    }

    [Fact]
    public async Task A_crash_between_commit_and_send_is_repaired_by_the_sweep_with_the_same_ids_and_a_second_sweep_adds_nothing()
    {
        var s = new Scenario(app);
        var a = await s.CustomerAsync();
        var b = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();
        app.Events.FailPublishingFor(s.PartnerId);

        // The change is committed and answered; its events are not sent (the fault), but they are in the outbox.
        var issued = await s.IssueAsync(templateId, [a, b], "10");
        Assert.Empty(app.Events.Of(s.PartnerId));
        Assert.Single(await OutboxRowsAsync(s.PartnerId));

        app.Events.StopFailingFor(s.PartnerId);
        var sweeper = app.Host.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(DateTimeOffset.UtcNow.AddMinutes(3), default);
        await sweeper.SweepAsync(DateTimeOffset.UtcNow.AddMinutes(4), default);

        var ids = issued.GetProperty("vouchers").EnumerateArray().Select(v => v.Str("voucherId")).ToArray();
        Assert.Equal(
            ids.Select(id => EventIds.For(EventTypes.VoucherIssued, s.PartnerId, id)).Order(),
            app.Events.Of(s.PartnerId, "voucher.issued").Select(e => e.Id).Order());
        Assert.Empty(await OutboxRowsAsync(s.PartnerId));
    }

    [Fact]
    public async Task No_event_without_its_change_a_refused_issuance_leaves_neither_outbox_row_nor_event()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync(Scenario.CustomerTemplate(amount: "100"));

        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin, "not-mine" }, amount = "5" }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "5", note = "\u0001" }).Problem(HttpStatusCode.BadRequest, "voucher.note_invalid");

        Assert.Empty(app.Events.Of(s.PartnerId));
        Assert.Empty(await OutboxRowsAsync(s.PartnerId));
    }

    [Fact]
    public async Task A_voucher_ending_in_six_days_is_announced_expiring_once_then_expired_once_and_a_second_sweep_says_nothing()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var now = DateTimeOffset.UtcNow;
        var ending = await app.VoucherValidAsync(s.PartnerId, uin, now.AddDays(-1), now.AddDays(6));
        var later = await app.VoucherValidAsync(s.PartnerId, uin, now.AddDays(-1), now.AddDays(8));
        var withdrawn = await app.VoucherValidAsync(s.PartnerId, uin, now.AddDays(-1), now.AddDays(5));
        await s.Partner.PostAsync($"/api/customer-vouchers/{withdrawn}/withdraw", null).Json(HttpStatusCode.OK);
        var sweeper = app.Host.Services.GetRequiredService<ExpirySweeper>();

        await sweeper.SweepAsync(now, default);
        await sweeper.SweepAsync(now.AddMinutes(5), default);
        var notice = Assert.Single(app.Events.Of(s.PartnerId, "voucher.expiring_soon"));
        Assert.Equal("vouchers/" + ending, notice.Subject);
        Assert.Empty(app.Events.Of(s.PartnerId, "voucher.expired"));

        var afterTheEnd = now.AddDays(6).AddMinutes(1);
        await sweeper.SweepAsync(afterTheEnd, default);
        await sweeper.SweepAsync(afterTheEnd.AddMinutes(5), default);

        var expired = Assert.Single(app.Events.Of(s.PartnerId, "voucher.expired"));
        Assert.Equal("vouchers/" + ending, expired.Subject);
        Assert.Equal(now.AddDays(6), expired.Time!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(VoucherStatus.Expired, (await app.Vouchers().GetAsync(s.PartnerId, ending))!.Value.Status);
        // The 8-day voucher got its notice at its own time (the second sweep's now is 2 days before its end), once.
        Assert.Equal(["vouchers/" + ending, "vouchers/" + later], app.Events.Of(s.PartnerId, "voucher.expiring_soon").Select(e => e.Subject));
        Assert.Equal(VoucherStatus.Active, (await app.Vouchers().GetAsync(s.PartnerId, later))!.Value.Status);
        Assert.DoesNotContain(app.Events.Of(s.PartnerId), e => e.Subject == "vouchers/" + withdrawn && e.Type is "voucher.expiring_soon" or "voucher.expired");
    }

    [Fact]
    public void Each_queue_message_parses_back_to_the_catalogue_and_a_foreign_document_is_refused()
    {
        var change = EventIds.Create(EventTypes.VoucherIssued, "p1", "vouchers/v1", "v1", DateTimeOffset.UnixEpoch, new { amount = "1" });

        var parsed = VoucherCloudEvents.Parse(VoucherCloudEvents.Format(change));

        Assert.Equal((change.Id, "voucher.issued", "p1", "vouchers/v1"), (parsed.Id, parsed.Type, VoucherCloudEvents.PartnerIdOf(parsed), parsed.Subject));
        Assert.Throws<FormatException>(() => VoucherCloudEvents.Parse("""{"specversion":"1.0","id":"x","source":"/x","type":"voucher.melted","partnerid":"p1"}"""));
        Assert.Throws<FormatException>(() => VoucherCloudEvents.Parse("""{"specversion":"1.0","id":"x","source":"/x","type":"voucher.issued"}"""));
        Assert.Throws<FormatException>(() => VoucherCloudEvents.Parse("not json"));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 60 s.");
            await Task.Delay(100);
        }
    }

    private async Task<List<Azure.Data.Tables.TableEntity>> OutboxRowsAsync(string partnerId)
    {
        var table = app.Host.Services.GetRequiredService<LedgerTable>();
        return await PagedQuery.ReadAllAsync(table, Filters.PrefixInPartition(Keys.Partner(partnerId), "outbox|"), default);
    }
}
