using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Events;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Storage;
using VoucherFunctions.Storage.Webhooks;
using VoucherFunctions.TestSupport;
using VoucherFunctions.Webhooks;

namespace VoucherFunctions.Functions.Tests.Webhooks;

/// <summary>
/// Deliveries end to end: an event on the real voucher-events queue, fan-out, the attempt queue, a real receiver
/// on loopback, and the delivery log read through the API. Signatures are checked with the StandardWebhooks library.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookHostFixture app) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static string NewPartner() => "p-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task An_event_reaches_the_subscribed_webhook_of_its_partner_signed_so_that_StandardWebhooks_verifies_it()
    {
        var partnerId = NewPartner();
        var partner = app.As(partnerId, "reseller");
        var (webhookId, secret) = await partner.RegisterAsync(_receiver.Url(), "voucher.issued", "bill.applied");
        var cloudEvent = TestEvents.CloudEvent("voucher.issued", partnerId, new { voucherId = "v-1", type = "typeIII", amount = "25.50", currency = "USD" });

        await app.PublishAsync(cloudEvent);

        var delivery = await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal(cloudEvent, request.Body);
        Assert.Equal(TestEvents.IdOf(cloudEvent), request.Id);
        Assert.Equal(TestEvents.IdOf(cloudEvent), delivery.Str("eventId"));
        Assert.Equal("application/cloudevents+json", request.ContentType?.Split(';')[0]);
        Assert.StartsWith("v1,", request.Signature, StringComparison.Ordinal);
        new StandardWebhook(secret).Verify(request.Body, request.Headers());
        Assert.Equal(new int?[] { 200 }, delivery.Statuses());
    }

    [Fact]
    public async Task A_real_issuance_and_a_bill_from_the_bills_queue_reach_the_webhook_through_the_outbox_once_each_even_when_the_bill_comes_twice()
    {
        var partnerId = NewPartner();
        var partner = app.As(partnerId, "reseller");
        var (webhookId, secret) = await partner.RegisterAsync(_receiver.Url(), "voucher.issued", "voucher.exhausted", "bill.applied");
        var uin = "uin" + Guid.NewGuid().ToString("N")[..10];
        await partner.PostAsync("/api/customers", new { uin, name = "Customer " + uin, groupModeRole = "none", organizationMode = false }).Json(HttpStatusCode.Created);
        var templateId = (await partner.PostAsync("/api/templates", Scenario.CustomerTemplate()).Json(HttpStatusCode.Created)).Str("templateId");
        var issued = await partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "25.5" }, "issue-1").Json(HttpStatusCode.Created);
        var voucherId = issued.GetProperty("vouchers")[0].Str("voucherId");
        var billId = "bill-" + Guid.NewGuid().ToString("N")[..8];
        var bill = JsonSerializer.Serialize(new
        {
            version = 1, billId, partnerId, payerKind = "customer", customerUin = uin, currency = "USD", billTime = DateTimeOffset.UtcNow,
            lines = new[] { new { lineId = "1", productCode = "cvm", paymentMode = "postpaid", amount = "30" } },
        });

        // The bill as the billing pipeline sends it, and once more (a redelivery): applied once, announced once.
        await app.Queue(QueueNames.Bills).SendMessageAsync(bill);
        await app.Queue(QueueNames.Bills).SendMessageAsync(bill);

        await Eventually.TrueAsync(() => _receiver.Requests.Count >= 3, TimeSpan.FromSeconds(60));
        await Task.Delay(3000);
        var received = _receiver.Requests.ToDictionary(r => VoucherCloudEvents.Parse(r.Body).Type!, r => r);
        Assert.Equal(["bill.applied", "voucher.exhausted", "voucher.issued"], received.Keys.Order());
        Assert.Equal(3, _receiver.Requests.Count);
        Assert.All(received.Values, r => new StandardWebhook(secret).Verify(r.Body, r.Headers()));
        Assert.Equal(EventIds.For(EventTypes.VoucherIssued, partnerId, voucherId), received["voucher.issued"].Id);
        Assert.Equal(EventIds.For(EventTypes.VoucherExhausted, partnerId, voucherId), received["voucher.exhausted"].Id);
        Assert.Equal(EventIds.For(EventTypes.BillApplied, partnerId, $"Customer\n{uin}\n{billId}"), received["bill.applied"].Id);
        var billEvent = VoucherCloudEvents.Parse(received["bill.applied"].Body);
        Assert.Equal(("bills/" + billId, partnerId), (billEvent.Subject, VoucherCloudEvents.PartnerIdOf(billEvent)));
        var data = (JsonElement)billEvent.Data!;
        Assert.Equal(("30", "25.5", "4.5"), (data.Str("totalAmount"), data.Str("totalAllocated"), data.Str("totalRemainingPayable")));
        Assert.Equal((voucherId, "25.5"), (data.GetProperty("vouchers")[0].Str("voucherId"), data.GetProperty("vouchers")[0].Str("amount")));
        var log = await partner.DeliveriesAsync(webhookId);
        Assert.Equal(3, log.Length);
        Assert.All(log, d => Assert.Equal(new int?[] { 200 }, d.Statuses()));
    }

    [Fact]
    public async Task A_tampered_body_a_wrong_secret_or_an_old_timestamp_fails_verification()
    {
        var partner = app.As(NewPartner(), "reseller");
        var (webhookId, secret) = await partner.RegisterAsync(_receiver.Url(), "webhook.test");
        await partner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);
        await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        var request = Assert.Single(_receiver.Requests);
        var webhook = new StandardWebhook(secret);
        webhook.Verify(request.Body, request.Headers());

        Assert.Throws<WebhookVerificationException>(() => webhook.Verify(request.Body.Replace("webhook.test", "webhook.tesT", StringComparison.Ordinal), request.Headers()));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(TestSecret()).Verify(request.Body, request.Headers()));

        // A capture replayed later: correctly signed for its old timestamp, and still refused.
        var old = DateTimeOffset.UtcNow.AddMinutes(-10);
        var replay = request.Headers();
        replay["webhook-timestamp"] = old.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        replay["webhook-signature"] = webhook.Sign(request.Id, old, request.Body);
        var error = Assert.Throws<WebhookVerificationException>(() => webhook.Verify(request.Body, replay));
        Assert.Contains("too old", error.Message, StringComparison.Ordinal);

        // And one signed for a time ten minutes ahead (a clock off, or a forged timestamp).
        var ahead = DateTimeOffset.UtcNow.AddMinutes(10);
        var early = request.Headers();
        early["webhook-timestamp"] = ahead.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        early["webhook-signature"] = webhook.Sign(request.Id, ahead, request.Body);
        Assert.Contains("too new", Assert.Throws<WebhookVerificationException>(() => webhook.Verify(request.Body, early)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_receives_only_its_own_events_and_only_the_types_it_subscribed_to()
    {
        var (a, b) = (NewPartner(), NewPartner());
        var (hookA, _) = await app.As(a, "reseller").RegisterAsync(_receiver.Url("/a"), "bill.applied");
        var (hookB, _) = await app.As(b, "distributor").RegisterAsync(_receiver.Url("/b"), "bill.applied", "voucher.issued");

        await app.PublishAsync(TestEvents.CloudEvent("bill.applied", a, new { billId = "bill-1" }));
        await app.PublishAsync(TestEvents.CloudEvent("voucher.issued", a, new { voucherId = "v-2", type = "typeIII" }));
        await app.PublishAsync(TestEvents.CloudEvent("voucher.exhausted", b, new { voucherId = "v-3" }));

        await app.As(a, "reseller").DeliveryAsync(hookA, d => d.Is("succeeded"));
        await Task.Delay(3000); // the other two events had as long to go anywhere
        Assert.Single(_receiver.At("/a"));
        Assert.Empty(_receiver.At("/b"));
        Assert.Empty(await app.As(b, "distributor").DeliveriesAsync(hookB));
        Assert.Contains($"\"partnerid\":\"{a}\"", _receiver.At("/a")[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_channel_managers_vendor_subscription_receives_submissions_overdue_and_type_I_grants_of_every_partner_and_nothing_else()
    {
        var vendor = app.ChannelManager();
        var path = "/vendor-" + Guid.NewGuid().ToString("N")[..6];
        var (hook, _) = await vendor.RegisterAsync(_receiver.Url(path), "application.submitted", "application.overdue", "voucher.issued");
        var (a, b) = (NewPartner(), NewPartner());
        string[] expected =
        [
            TestEvents.CloudEvent("application.submitted", a, new { applicationId = "app-1" }),
            TestEvents.CloudEvent("application.overdue", b, new { applicationId = "app-2" }),
            TestEvents.CloudEvent("voucher.issued", b, new { voucherId = "v-g", type = "typeI" }),
        ];
        string[] ignored =
        [
            TestEvents.CloudEvent("voucher.issued", a, new { voucherId = "v-c", type = "typeIII" }),
            TestEvents.CloudEvent("bill.applied", a, new { billId = "bill-x" }),
        ];

        foreach (var e in ignored.Concat(expected))
        {
            await app.PublishAsync(e);
        }

        await Eventually.TrueAsync(() => _receiver.At(path).Count >= 3);
        await Task.Delay(2000);
        Assert.Equal(expected.Select(TestEvents.IdOf).Order(), _receiver.At(path).Select(r => r.Id!).Order());
        Assert.Equal(3, (await vendor.DeliveriesAsync(hook)).Length);

        // A channel manager may subscribe only to vendor events.
        await vendor.PostAsync("/api/webhooks", new { url = _receiver.Url(), eventTypes = new[] { "bill.applied" } })
            .Problem(HttpStatusCode.BadRequest, "webhook.event_types_invalid");
        await vendor.DeleteAsync($"/api/webhooks/{hook}").Json(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_real_type_I_grant_reaches_the_vendor_subscription_and_the_partners_own_webhook_with_the_same_event_id()
    {
        var vendor = app.ChannelManager();
        var path = "/vendor-" + Guid.NewGuid().ToString("N")[..6];
        var (vendorHook, vendorSecret) = await vendor.RegisterAsync(_receiver.Url(path), "voucher.issued");
        var partnerId = NewPartner();
        var (_, partnerSecret) = await app.As(partnerId, "reseller").RegisterAsync(_receiver.Url("/partner"), "voucher.issued");
        var grant = new { name = "Launch credit", amount = "1000", currency = "USD", productScope = new { kind = "allProducts" }, validity = new { days = 90 } };

        var granted = await vendor.PostAsync($"/api/channel/partners/{partnerId}/general-vouchers", grant, "grant-1").Json(HttpStatusCode.Created);
        await vendor.PostAsync($"/api/channel/partners/{partnerId}/general-vouchers", grant, "grant-1").Json(HttpStatusCode.Created);

        await Eventually.TrueAsync(() => _receiver.At(path).Count >= 1 && _receiver.At("/partner").Count >= 1, TimeSpan.FromSeconds(60));
        await Task.Delay(2000);
        var id = EventIds.For(EventTypes.VoucherIssued, partnerId, granted.Str("voucherId"));
        var toVendor = Assert.Single(_receiver.At(path));
        var toPartner = Assert.Single(_receiver.At("/partner"));
        Assert.Equal((id, id), (toVendor.Id, toPartner.Id));
        Assert.Equal(toVendor.Body, toPartner.Body);
        new StandardWebhook(vendorSecret).Verify(toVendor.Body, toVendor.Headers());
        new StandardWebhook(partnerSecret).Verify(toPartner.Body, toPartner.Headers());
        Assert.Equal("typeI", ((JsonElement)VoucherCloudEvents.Parse(toVendor.Body).Data!).Str("type"));
        await vendor.DeleteAsync($"/api/webhooks/{vendorHook}").Json(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_receiver_that_fails_three_times_then_succeeds_gets_exactly_one_success_logged_after_the_retries()
    {
        var partnerId = NewPartner();
        var partner = app.As(partnerId, "reseller");
        var (webhookId, secret) = await partner.RegisterAsync(_receiver.Url(), "voucher.expired");
        _receiver.Respond = (n, _) => new WebhookReceiver.Answer(n <= 3 ? 500 : 204, Body: n <= 3 ? "down for maintenance" : null);
        var cloudEvent = TestEvents.CloudEvent("voucher.expired", partnerId, new { voucherId = "v-9" });

        await app.PublishAsync(cloudEvent);

        var delivery = await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        Assert.Equal(new int?[] { 500, 500, 500, 204 }, delivery.Statuses());
        Assert.Equal(4, delivery.GetProperty("attemptCount").GetInt32());
        Assert.Equal("down for maintenance", delivery.GetProperty("attempts")[0].Str("responseExcerpt"));
        var times = delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("startedAt").GetDateTimeOffset()).ToArray();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second - p.First >= TimeSpan.FromMilliseconds(100)), "retries wait (backoff): " + string.Join(", ", times));
        await Task.Delay(2000);
        Assert.Equal(4, _receiver.Requests.Count);
        Assert.All(_receiver.Requests, r => Assert.Equal(TestEvents.IdOf(cloudEvent), r.Id));
        Assert.All(_receiver.Requests, r => new StandardWebhook(secret).Verify(r.Body, r.Headers()));
        Assert.Single(await partner.DeliveriesAsync(webhookId));
        var webhook = await partner.GetAsync($"/api/webhooks/{webhookId}").Json(HttpStatusCode.OK);
        Assert.Equal("healthy", webhook.Str("health"));
        Assert.Equal(0, webhook.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task A_receiver_down_for_longer_than_the_retry_window_dead_letters_the_delivery_and_marks_the_webhook_failing_until_a_redelivery_succeeds()
    {
        var partnerId = NewPartner();
        var partner = app.As(partnerId, "reseller");
        var (webhookId, _) = await partner.RegisterAsync(_receiver.Url(), "bill.rejected");
        _receiver.Respond = (_, _) => new WebhookReceiver.Answer(503);
        var cloudEvent = TestEvents.CloudEvent("bill.rejected", partnerId, new { billId = "bill-bad" });

        await app.PublishAsync(cloudEvent);

        var pending = await partner.DeliveryAsync(webhookId, d => d.Is("pending") && d.GetProperty("attemptCount").GetInt32() >= 1);
        Assert.True(pending.TryGetProperty("nextAttemptAt", out _), "a pending delivery says when it is tried next");
        var dead = await partner.DeliveryAsync(webhookId, d => d.Is("deadLettered"), seconds: 60);
        var statuses = dead.Statuses();
        Assert.True(statuses.Length >= 3 && statuses.All(s => s == 503), string.Join(",", statuses));
        var attempts = dead.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("startedAt").GetDateTimeOffset()).ToArray();
        // Nothing is scheduled after the window; an attempt due just before its end may start up to one queue poll (2 s) later.
        Assert.True(attempts[^1] - attempts[0] <= WebhookHostFixture.RetryWindow + TimeSpan.FromSeconds(3), "no attempt after the window: " + dead);
        Assert.False(dead.TryGetProperty("nextAttemptAt", out _));
        var webhook = await partner.GetAsync($"/api/webhooks/{webhookId}").Json(HttpStatusCode.OK);
        Assert.Equal("failing", webhook.Str("health"));
        Assert.Equal(statuses.Length, webhook.GetProperty("consecutiveFailures").GetInt32());

        var letters = await app.Queue(QueueNames.WebhookDeliveriesPoison).PeekMessagesAsync(32);
        var letter = letters.Value.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement).Single(e => e.Str("deliveryId") == dead.Str("deliveryId"));
        Assert.Equal("webhook.retries_exhausted", letter.Str("reasonCode"));
        Assert.Equal(TestEvents.IdOf(cloudEvent), letter.Str("eventId"));
        Assert.Equal(503, letter.GetProperty("lastStatusCode").GetInt32());

        var seen = _receiver.Requests.Count;
        await Task.Delay(2000);
        Assert.Equal(seen, _receiver.Requests.Count);

        // The receiver is back: a redelivery sends the same event again and heals the webhook.
        _receiver.Respond = (_, _) => new WebhookReceiver.Answer(200);
        await partner.PostAsync($"/api/webhooks/{webhookId}/deliveries/{dead.Str("deliveryId")}/redeliver", null).Json(HttpStatusCode.Accepted);
        var redelivered = await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        Assert.Equal(200, redelivered.Statuses()[^1]);
        Assert.Equal(TestEvents.IdOf(cloudEvent), _receiver.Requests.Last().Id);
        Assert.Equal("healthy", (await partner.GetAsync($"/api/webhooks/{webhookId}").Json(HttpStatusCode.OK)).Str("health"));
    }

    [Fact]
    public async Task The_same_event_read_twice_from_the_queue_is_delivered_once()
    {
        var partnerId = NewPartner();
        var partner = app.As(partnerId, "reseller");
        var (webhookId, _) = await partner.RegisterAsync(_receiver.Url(), "quota.allocated");
        var cloudEvent = TestEvents.CloudEvent("quota.allocated", partnerId, new { distributorId = "d-1", amount = "10" });

        // Ten copies at once: fan-outs race on the delivery row and attempts on its claim.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.PublishAsync(cloudEvent)));

        await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        await Task.Delay(3000);
        Assert.Single(_receiver.Requests);
        Assert.Single(await partner.DeliveriesAsync(webhookId));
    }

    [Fact]
    public async Task Redelivery_sends_a_delivered_event_again_once_per_Idempotency_Key()
    {
        var partner = app.As(NewPartner(), "reseller");
        var (webhookId, _) = await partner.RegisterAsync(_receiver.Url(), "webhook.test");
        var test = await partner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);
        var deliveryId = test.Str("deliveryId");
        await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));

        var key = Guid.NewGuid().ToString("N");
        await partner.PostAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", null, key).Json(HttpStatusCode.Accepted);
        var again = await partner.PostAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", null, key);
        await again.Json(HttpStatusCode.Accepted);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());

        var delivery = await partner.DeliveryAsync(webhookId, d => d.GetProperty("attemptCount").GetInt32() == 2 && d.Is("succeeded"));
        Assert.Equal(new int?[] { 200, 200 }, delivery.Statuses());
        await Task.Delay(2000);
        Assert.Equal(2, _receiver.Requests.Count);
        Assert.Equal(_receiver.Requests.First().Id, _receiver.Requests.Last().Id);
        await partner.PostAsync($"/api/webhooks/{webhookId}/deliveries/nope/redeliver", null).Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_a_slow_receiver_fails_the_attempt_at_the_timeout()
    {
        var partner = app.As(NewPartner(), "reseller");
        var (webhookId, _) = await partner.RegisterAsync(_receiver.Url("/moved"), "webhook.test");
        _receiver.Respond = (n, path) => path == "/moved"
            ? n == 1 ? new WebhookReceiver.Answer(307, Location: _receiver.Url("/elsewhere")) : new WebhookReceiver.Answer(200, Delay: TimeSpan.FromSeconds(5))
            : new WebhookReceiver.Answer(200);

        await partner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);

        var delivery = await partner.DeliveryAsync(webhookId, d => d.GetProperty("attemptCount").GetInt32() >= 2);
        var attempts = delivery.GetProperty("attempts");
        Assert.Equal(307, attempts[0].GetProperty("statusCode").GetInt32());
        Assert.Contains("not followed", attempts[0].Str("error"), StringComparison.Ordinal);
        Assert.False(attempts[1].TryGetProperty("statusCode", out _));
        Assert.Contains("No answer within 2 s", attempts[1].Str("error"), StringComparison.Ordinal);
        Assert.InRange(attempts[1].GetProperty("durationMs").GetInt32(), 1900, 4000);
        Assert.Empty(_receiver.At("/elsewhere"));
        Assert.NotEqual("succeeded", delivery.Str("status"));
        await partner.DeleteAsync($"/api/webhooks/{webhookId}");
    }

    [Fact]
    public async Task A_huge_response_body_is_read_only_in_part()
    {
        var partner = app.As(NewPartner(), "reseller");
        var (webhookId, _) = await partner.RegisterAsync(_receiver.Url(), "webhook.test");
        _receiver.Respond = (_, _) => new WebhookReceiver.Answer(200, Body: new string('x', 2_000_000));

        await partner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);

        var delivery = await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        Assert.InRange(delivery.GetProperty("attempts")[0].Str("responseExcerpt").Length, 1, 257);
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_signatures_by_the_new_and_the_previous_secret()
    {
        var partner = app.As(NewPartner(), "reseller");
        var (webhookId, oldSecret) = await partner.RegisterAsync(_receiver.Url(), "webhook.test");
        var key = Guid.NewGuid().ToString("N");
        var rotated = await partner.PostAsync($"/api/webhooks/{webhookId}/rotate-secret", null, key).Json(HttpStatusCode.OK);
        var newSecret = rotated.Str("secret");
        var repeat = await partner.PostAsync($"/api/webhooks/{webhookId}/rotate-secret", null, key).Json(HttpStatusCode.OK);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(newSecret, repeat.Str("secret"));
        Assert.True(rotated.GetProperty("webhook").TryGetProperty("previousSecretExpiresAt", out _));
        await partner.PostAsync($"/api/webhooks/{webhookId}/rotate-secret", null, idempotencyKey: null).Problem(HttpStatusCode.BadRequest, "idempotency.key_required");

        await partner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);

        await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        var request = Assert.Single(_receiver.Requests);
        var signatures = request.Signature!.Split(' ');
        Assert.Equal(2, signatures.Distinct().Count());
        Assert.All(signatures, sig => Assert.StartsWith("v1,", sig, StringComparison.Ordinal));
        new StandardWebhook(newSecret).Verify(request.Body, request.Headers());
        new StandardWebhook(oldSecret).Verify(request.Body, request.Headers());
    }

    [Fact]
    public async Task A_deleted_webhook_stops_its_pending_retries()
    {
        var partnerId = NewPartner();
        var partner = app.As(partnerId, "reseller");
        var (webhookId, _) = await partner.RegisterAsync(_receiver.Url(), "voucher.activated");
        _receiver.Respond = (_, _) => new WebhookReceiver.Answer(500);
        await app.PublishAsync(TestEvents.CloudEvent("voucher.activated", partnerId, new { voucherId = "v-a" }));
        await Eventually.TrueAsync(() => _receiver.Requests.Count >= 1);

        await partner.DeleteAsync($"/api/webhooks/{webhookId}");

        var seen = _receiver.Requests.Count;
        await Task.Delay(3000);
        Assert.InRange(_receiver.Requests.Count, seen, seen + 1); // at most the attempt already in flight
        await partner.GetAsync($"/api/webhooks/{webhookId}/deliveries").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_delivery_older_than_the_retention_leaves_the_log_at_the_sweep_and_the_webhook_stays()
    {
        var partner = app.As(NewPartner(), "reseller");
        var (webhookId, _) = await partner.RegisterAsync(_receiver.Url(), "webhook.test");
        await partner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);
        var delivery = await partner.DeliveryAsync(webhookId, d => d.Is("succeeded"));
        var sweeper = app.Host.Services.GetRequiredService<DeliveryLogSweeper>();
        var retention = app.Host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.DeliveryRetention;
        Assert.Equal(TimeSpan.FromDays(30), retention);

        await sweeper.SweepAsync(retention, DateTimeOffset.UtcNow + retention - TimeSpan.FromDays(1), default);
        Assert.Single(await partner.DeliveriesAsync(webhookId));
        await sweeper.SweepAsync(retention, DateTimeOffset.UtcNow + retention + TimeSpan.FromDays(1), default);

        Assert.Empty(await partner.DeliveriesAsync(webhookId));
        await partner.GetAsync($"/api/webhooks/{webhookId}/deliveries/{delivery.Str("deliveryId")}").Problem(HttpStatusCode.NotFound, "resource.not_found");
        Assert.Equal("healthy", (await partner.GetAsync($"/api/webhooks/{webhookId}").Json(HttpStatusCode.OK)).Str("health"));
    }

    [Fact]
    public async Task A_message_that_is_not_a_catalogue_event_goes_to_the_poison_queue_with_its_reason()
    {
        var marker = Guid.NewGuid().ToString("N");
        await app.PublishAsync("not json " + marker);
        await app.PublishAsync(TestEvents.CloudEvent("voucher.created", NewPartner(), new { marker }));
        await app.PublishAsync(TestEvents.CloudEvent("voucher.issued", "p/" + marker, new { marker }));
        await app.PublishAsync(TestEvents.CloudEvent("voucher.issued", NewPartner(), new { marker }, id: "evt " + marker));

        var poison = app.Queue(QueueNames.VoucherEvents + "-poison");
        List<JsonElement> found = [];
        await Eventually.TrueAsync(async () =>
        {
            found = (await poison.PeekMessagesAsync(32)).Value.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement)
                .Where(e => e.Str("originalBody").Contains(marker, StringComparison.Ordinal)).ToList();
            return found.Count == 4;
        });

        Assert.Equal(4, found.Count);
        Assert.All(found, e => Assert.Equal("event.invalid", e.Str("reasonCode")));
        Assert.Contains(found, e => e.Str("message").Contains("'voucher.created' is not in the catalogue", StringComparison.Ordinal));
        Assert.Contains(found, e => e.Str("message").Contains("partnerid is not a valid partner id", StringComparison.Ordinal));
        Assert.Contains(found, e => e.Str("message").Contains("printable ASCII", StringComparison.Ordinal));
    }

    /// <summary>A valid secret nobody registered.</summary>
    private static string TestSecret() => VoucherFunctions.Webhooks.WebhookSecrets.New();
}
