using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoucherFunctions.Functions.Tests.Api.Approval;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Functions.Tests.Vendor;
using VoucherFunctions.LocalHost.LocalAuth;
using VoucherFunctions.Telemetry;
using VoucherFunctions.TestSupport;
using static VoucherFunctions.Functions.Tests.Telemetry.MetricDeltas;

namespace VoucherFunctions.Functions.Tests.Telemetry;

/// <summary>
/// What the app records, read from OpenTelemetry's in-memory exporters while it runs on the local host: bills go
/// through the real bills queue, requests through real HTTP, the approval through the durable engine.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryFixture app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Applying_bills_records_the_documented_metrics_with_only_the_documented_dimensions()
    {
        var s = new Scenario(app);
        var (_, uin, _) = await s.VoucherAsync("25.5");
        var before = app.Collect();
        var applied = NewBillId();
        var unknownCustomer = NewBillId();

        var bill = BillJson(applied, s.PartnerId, uin, "3.00");
        await SendBillAsync(bill);
        await OutcomeAsync(s, applied, uin, "applied");
        // The same message again (a redelivery): the stored outcome is sent again.
        await SendBillAsync(bill);
        await SendBillAsync(BillJson(unknownCustomer, s.PartnerId, "uin-nobody-" + Guid.NewGuid().ToString("N")[..6], "1.00"));

        var after = await UntilAsync(
            () => app.Collect(),
            now => Delta(before, now, MetricNames.Bills, (Dimensions.BillOutcome, "duplicate")) >= 1 && Delta(before, now, MetricNames.Bills, (Dimensions.BillOutcome, "rejected")) >= 1,
            "the duplicate and the rejection were not counted");

        Assert.Equal(1, Delta(before, after, MetricNames.Bills, (Dimensions.BillOutcome, "applied"), (Dimensions.PayerKind, "customer")));
        Assert.Equal(1, Delta(before, after, MetricNames.Bills, (Dimensions.BillOutcome, "duplicate"), (Dimensions.PayerKind, "customer")));
        Assert.Equal(1, Delta(before, after, MetricNames.Bills, (Dimensions.BillOutcome, "rejected"), (Dimensions.RejectionReason, "bill.unknown_customer")));
        Assert.Equal(300_000_000, Delta(before, after, MetricNames.AmountAllocated, (Dimensions.Currency, "USD"), (Dimensions.PayerKind, "customer")));
        Assert.Equal(0, Delta(before, after, MetricNames.AmountRemainingPayable, (Dimensions.Currency, "USD"), (Dimensions.PayerKind, "customer")));
        Assert.Equal(1, Delta(before, after, MetricNames.IdempotentReplays, (Dimensions.Operation, "ProcessBill")));
        // Each bill went through a group (alone or with others); every group was measured.
        Assert.InRange(Delta(before, after, MetricNames.GroupSize), 1, 3);
        Assert.Equal(Delta(before, after, MetricNames.GroupSize), Delta(before, after, MetricNames.GroupDuration));
        Assert.InRange(Delta(before, after, MetricNames.HttpRequestDuration, (Dimensions.Operation, "GetBillOutcome"), (Dimensions.HttpStatus, 200)), 1, 1000);
        // Storage calls are timed by their Azure SDK spans, not by System.Net.Http's meter on every call.
        Assert.DoesNotContain(after.Keys, name => name.StartsWith("http.client.", StringComparison.Ordinal));

        var documented = typeof(Dimensions).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);
        foreach (var metric in after.Values.Where(m => m.Name.StartsWith("voucher.", StringComparison.Ordinal)))
        {
            Assert.Contains(metric.Name, MetricNames.All);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    Assert.True(documented.Contains(tag.Key), $"{metric.Name} has the undocumented dimension {tag.Key}.");
                    Assert.DoesNotContain(uin, tag.Value?.ToString() ?? "", StringComparison.Ordinal);
                    Assert.DoesNotContain(applied, tag.Value?.ToString() ?? "", StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task An_approval_is_one_trace_from_the_submission_request_through_the_orchestrations_activities()
    {
        var trial = new TrialScenario(app);
        var before = app.Collect();
        JsonElement application;
        ActivityTraceId submission;
        using (var request = TestSpan())
        {
            application = await trial.ApplyAsync(customers: 2);
            submission = request.TraceId;
        }

        var applicationId = application.Str("applicationId");
        // The review is waiting (its first read of the application is done), so the decision reaches it as an event.
        await UntilAsync(() => app.TraceOf(submission), spans => spans.Any(s => s.DisplayName == "SettleApplication"), "the review never read its application");
        ActivityTraceId decision;
        using (var request = TestSpan())
        {
            await trial.Reviewer.PostAsync(trial.DecisionPath(application, "approve"), null, idempotencyKey: null).Json(HttpStatusCode.OK);
            decision = request.TraceId;
        }

        await trial.WhenIssuedAsync(applicationId);
        var trace = await UntilAsync(
            () => app.TraceOf(submission),
            spans => spans.Any(s => s.DisplayName == "RecordVouchersIssued"),
            "the issuing activities' spans did not reach the submission's trace");

        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem(Dimensions.Operation), "ApplyForTrialVouchers"));
        var activities = trace.Where(s => s.Source.Name == VoucherTelemetry.Name).ToArray();
        Assert.True(activities.Count(s => s.DisplayName == "SettleApplication") >= 2, "the review read its application once before and once after the decision");
        Assert.Single(activities, s => s.DisplayName == "ActivateTrialVouchers");
        Assert.Equal(2, activities.Count(s => s.DisplayName == "IssueTrialCustomerVoucher"));
        Assert.Single(activities, s => s.DisplayName == "RecordVouchersIssued");
        Assert.All(activities, s => Assert.Equal(applicationId, s.GetTagItem(Spans.ApplicationId)));
        Assert.All(activities, s => Assert.Equal(server.TraceId, s.TraceId));
        // The activities after the decision lead to the reviewer's request, which is a trace of its own.
        Assert.Contains(activities.Single(s => s.DisplayName == "ActivateTrialVouchers").Links, l => l.Context.TraceId == decision);
        var decisionSpans = app.TraceOf(decision);
        Assert.True(decisionSpans.Any(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem(Dimensions.Operation), "ApproveApplication")),
            "The decision's trace holds: " + string.Join(", ", decisionSpans.Select(s => $"{s.Source.Name} {s.DisplayName}")));
        // Their storage calls are in the trace too (Azure SDK spans, children of the activities).
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && activities.Any(a => a.SpanId == s.ParentSpanId));

        var after = await UntilAsync(() => app.Collect(), now => Delta(before, now, MetricNames.TimeToIssuance) >= 1, "the issuance was not measured");
        Assert.Equal(1, Delta(before, after, MetricNames.ApplicationsSubmitted));
        Assert.Equal(1, Delta(before, after, MetricNames.ApplicationsDecided, (Dimensions.Decision, "approved")));
        Assert.Equal(1, Delta(before, after, MetricNames.TimeToDecision, (Dimensions.Decision, "approved")));
        Assert.Equal(1, Delta(before, after, MetricNames.TimeToIssuance));
    }

    [Fact]
    public async Task A_bill_with_a_traceparent_continues_that_trace_and_its_group_commit_links_to_it()
    {
        var s = new Scenario(app);
        var (_, uin, _) = await s.VoucherAsync("25.5");
        var producerTrace = ActivityTraceId.CreateRandom();
        var producerSpan = ActivitySpanId.CreateRandom();
        var traced = NewBillId();
        var badlyTraced = NewBillId();

        await SendBillAsync(BillJson(traced, s.PartnerId, uin, "1.25", $"00-{producerTrace}-{producerSpan}-01"));
        // A traceparent that is not W3C only starts a new trace: the bill applies as any other.
        await SendBillAsync(BillJson(badlyTraced, s.PartnerId, uin, "1.25", "not-a-trace-context"));
        await OutcomeAsync(s, traced, uin, "applied");
        await OutcomeAsync(s, badlyTraced, uin, "applied");

        var (bill, group) = await BillAndGroupSpansAsync(producerTrace);
        Assert.Equal(producerSpan, bill.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, bill.Kind);
        Assert.Equal(traced, bill.GetTagItem(Spans.BillId));
        Assert.Equal(s.PartnerId, bill.GetTagItem(Spans.PartnerId));
        Assert.Equal("applied", bill.GetTagItem(Dimensions.BillOutcome));

        // The group commit is in the trace of its first kept bill (both are kept here; if they joined one group, either's).
        Assert.Equal(s.PartnerId, group.GetTagItem(Spans.PartnerId));
        Assert.Contains(app.TraceOf(group.TraceId), x => x.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal) && x.ParentSpanId == group.SpanId);

        var other = Assert.Single(app.Spans.Snapshot(), x => x.DisplayName == "ProcessBill" && Equals(x.GetTagItem(Spans.BillId), badlyTraced));
        Assert.NotEqual(producerTrace, other.TraceId);
        Assert.Equal(default, other.ParentSpanId);
    }

    [Fact]
    public async Task The_apps_storage_clients_make_no_HTTP_client_activity_to_filter_out()
    {
        // A listener of its own sees every System.Net.Http activity, whatever OpenTelemetry's filter then drops; only
        // this test's calls count (the app's work for other tests runs beside it).
        using var calls = new Activity("the test's storage calls").SetIdFormat(ActivityIdFormat.W3C).Start();
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                if (activity.TraceId == calls.TraceId)
                {
                    seen.Add(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var queues = app.Host.Services.GetRequiredService<QueueServiceClient>();
        var tables = app.Host.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();

        await queues.GetQueueClient(VoucherFunctions.Storage.QueueNames.Bills).GetPropertiesAsync();
        await foreach (var _ in tables.QueryAsync(maxPerPage: 1).AsPages())
        {
            break;
        }

        Assert.Empty(seen);
        // The same calls through a client with Azure.Core's default transport are seen: the listener works.
        await new QueueServiceClient(app.Host.StorageConnectionString).GetQueueClient(VoucherFunctions.Storage.QueueNames.Bills).GetPropertiesAsync();
        Assert.NotEmpty(seen);
    }

    [Fact]
    public async Task The_local_hosts_queue_listeners_and_durable_backend_start_no_spans_in_the_apps_process()
    {
        // In Azure the Functions host polls the queues and runs the durable backend in a process of its own; the local
        // host runs them beside the app, with clients that do not trace. The app never receives or deletes a queue
        // message nor touches a blob: any such activity would be the listeners' (polling every ≤2 s, deleting each
        // message) or the durable backend's (control queue every second, leases in blobs).
        var seen = new System.Collections.Concurrent.ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Azure.", StringComparison.Ordinal) || source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = seen.Add,
        };
        ActivitySource.AddActivityListener(listener);
        // The test's own calls (and the app's work for them) are in this trace.
        using var test = new Activity("the test's calls").SetIdFormat(ActivityIdFormat.W3C).Start();
        var producerTrace = await ApplyTracedBillAsync("4.5");
        await Task.Delay(TimeSpan.FromSeconds(3));

        // The listener sees the app's storage calls (the bill's outcome send, in the bill's trace)...
        Assert.Contains(seen, x => x.TraceId == producerTrace && x.DisplayName == "QueueClient.SendMessage");
        // ...and none of the host's: no receive, delete or blob call, and no HTTP call to this host's storage outside the
        // test's trace (the test's own storage calls are such activities, with their URL: the tag is there to look at).
        // Other test classes, running beside this one, call their own hosts' emulators.
        var endpoints = app.Host.StorageConnectionString.Split(';')
            .Where(part => part.Contains("Endpoint=", StringComparison.Ordinal))
            .Select(part => new Uri(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).Authority)
            .ToArray();
        bool ToStorage(Activity x) => x.Source.Name == "System.Net.Http" && x.GetTagItem("url.full") is string url && endpoints.Any(e => url.Contains(e, StringComparison.Ordinal));
        Assert.DoesNotContain(seen, x => x.DisplayName is "QueueClient.ReceiveMessages" or "QueueClient.DeleteMessage");
        Assert.DoesNotContain(seen, x => x.Source.Name.StartsWith("Azure.Storage.Blobs", StringComparison.Ordinal));
        Assert.Contains(seen, x => x.TraceId == test.TraceId && ToStorage(x));
        Assert.DoesNotContain(seen, x => x.TraceId != test.TraceId && ToStorage(x));
    }

    [Fact]
    public async Task Each_storage_call_of_a_bill_is_one_Azure_SDK_span_with_no_HTTP_span_under_it()
    {
        var producerTrace = await ApplyTracedBillAsync("9.5");

        // The bill's trace, its group commit in it: the outcome send, the reads, the commit.
        var (_, group) = await BillAndGroupSpansAsync(producerTrace);
        Assert.Equal(producerTrace, group.TraceId);
        var spans = app.TraceOf(producerTrace);

        var storage = spans.Where(x => x.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)).ToArray();
        Assert.Contains(storage, x => x.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal));
        Assert.Contains(storage, x => x.Source.Name.StartsWith("Azure.Storage.Queues", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, x => x.Source.Name == "Azure.Core.Http");
        // Nothing under a storage call: no per-try span, no HTTP client span repeating it.
        Assert.All(storage, call => Assert.DoesNotContain(spans, x => x.ParentSpanId == call.SpanId));
        Assert.All(storage, call => Assert.Contains(spans, x => x.SpanId == call.ParentSpanId));
    }

    [Fact]
    public async Task Log_records_carry_the_trace_and_span_of_the_request_or_bill_they_were_written_for()
    {
        var s = new Scenario(app);
        var (_, uin, _) = await s.VoucherAsync("25.5");
        ActivityTraceId request;
        using (var span = TestSpan())
        {
            await s.Partner.GetAsync("/api/templates?locked=maybe").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
            request = span.TraceId;
        }

        // The refusal's Information line ("{Function} refused with {Status} {Code}") is in the request's trace, on one of its spans.
        var refused = await UntilAsync(
            () => app.Logs.Snapshot().FirstOrDefault(l => l.TraceId == request && Equals(Attribute(l, "Function"), "ListTemplates")),
            found => found is not null,
            "the refusal's log record is not in the request's trace");
        var requestSpans = await UntilAsync(() => app.TraceOf(request), spans => spans.Any(x => x.SpanId == refused!.SpanId), "the refusal's log record names no span of the request");
        Assert.Contains(requestSpans, x => x.Kind == ActivityKind.Server && Equals(x.GetTagItem(Dimensions.Operation), "ListTemplates"));

        // A bill's lines are in the bill's trace, on its ProcessBill span: here the redelivery's Information line.
        var producer = ActivityTraceId.CreateRandom();
        var billId = NewBillId();
        var bill = BillJson(billId, s.PartnerId, uin, "1.00", $"00-{producer}-{ActivitySpanId.CreateRandom()}-01");
        await SendBillAsync(bill);
        await OutcomeAsync(s, billId, uin, "applied");
        await SendBillAsync(bill);
        // "Bill {BillId} of partner {PartnerId} was already applied (delivery {DequeueCount}); stored outcome sent again"
        var duplicate = await UntilAsync(
            () => app.Logs.Snapshot().FirstOrDefault(l => l.TraceId == producer && Equals(Attribute(l, "BillId"), billId) && Attribute(l, "DequeueCount") is not null),
            found => found is not null,
            "the redelivered bill's log record is not in the bill's trace");
        await UntilAsync(
            () => app.TraceOf(producer),
            spans => spans.Any(x => x.DisplayName == "ProcessBill" && x.SpanId == duplicate!.SpanId),
            "the redelivered bill's log record is not on its ProcessBill span");

        // Other log providers (the console, the Functions host's) get both ids as scopes.
        var tracking = app.Host.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId), $"Log scopes track {tracking}.");
    }

    [Fact]
    public async Task Nothing_recorded_contains_a_token_or_a_customer_uin()
    {
        var s = new Scenario(app);
        var (voucherId, uin, _) = await s.VoucherAsync("25.5");
        var partnerToken = app.Tokens.Mint(new TokenRequest(["reseller"], s.PartnerId));
        var customerToken = app.Tokens.Mint(new TokenRequest(["customer"], s.PartnerId, uin));
        var partner = app.WithToken(partnerToken);
        var billId = NewBillId();

        // The UIN in a path, in a query, in bodies, in a bill, in an application; tokens on every request.
        await partner.GetAsync($"/api/customers/{uin}").Json(HttpStatusCode.OK);
        await partner.PutAsync($"/api/customers/{uin}", new { name = "Renamed " + uin }, ifMatch: "\"nope\"");
        await SendBillAsync(BillJson(billId, s.PartnerId, uin, "2.00"));
        await OutcomeAsync(s, billId, uin, "applied");
        await app.WithToken(customerToken).GetAsync("/api/my/vouchers");
        await app.WithToken(customerToken).GetAsync("/api/me");
        await partner.GetAsync($"/api/customer-vouchers?customerUin={uin}&code=function-key-{uin}");
        await new TrialScenario(app).ApplyAsync(customers: 1);
        // A forged token (the customer's, its signature changed: the UIN in its payload), a malformed bill naming the
        // customer, and the vendor API signed with a partner key.
        await app.WithToken(customerToken[..^4] + "AAAA").GetAsync("/api/my/vouchers");
        var malformed = NewBillId();
        await SendBillAsync(BillJson(malformed, s.PartnerId, uin, "not-an-amount"));
        var key = await s.Partner.CreateKeyAsync("reseller");
        (await VendorSdk.RunAsync(app, [VendorSdk.Call("pool", "sdk", key, "QueryVoucherPool")])).Ok("pool");
        await UntilAsync(
            () => app.Spans.Snapshot().Any(x => x.DisplayName == "ProcessBill" && Equals(x.GetTagItem(Spans.BillId), malformed)),
            found => found,
            "the malformed bill was not processed");
        app.Collect();

        var secrets = new[] { uin, partnerToken, customerToken, partnerToken.Split('.')[1], customerToken.Split('.')[1], key.SecretKey };
        var texts = new List<(string Where, string Text)>();
        // The test's own HttpClient calls the app in this process, so its client spans are recorded here too; they
        // are the test's, not the app's (the app never calls itself), and carry the URLs the test sent.
        var appPort = app.Host.BaseAddress.Port;
        foreach (var span in app.Spans.Snapshot().Where(x => !(x.Kind == ActivityKind.Client && Equals(x.GetTagItem("server.port"), appPort))))
        {
            texts.Add(($"span {span.DisplayName}", span.DisplayName));
            texts.AddRange(span.TagObjects.Select(t => ($"span {span.DisplayName} tag {t.Key}", t.Value?.ToString() ?? "")));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => ($"span {span.DisplayName} event {e.Name}", t.Value?.ToString() ?? ""))));
            texts.Add(($"span {span.DisplayName} status", span.StatusDescription ?? ""));
        }

        foreach (var log in app.Logs.Snapshot())
        {
            texts.Add(($"log {log.CategoryName}", log.FormattedMessage ?? log.Body ?? ""));
            texts.AddRange((log.Attributes ?? Array.Empty<KeyValuePair<string, object?>>()).Select(a => ($"log {log.CategoryName} {a.Key}", a.Value?.ToString() ?? "")));
        }

        foreach (var metric in app.Metrics.Snapshot())
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    texts.Add(($"metric {metric.Name} {tag.Key}", tag.Value?.ToString() ?? ""));
                }
            }
        }

        Assert.Contains(texts, t => t.Where.StartsWith("span ProcessBill", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Text.Contains(voucherId, StringComparison.Ordinal) || t.Text.Contains(s.PartnerId, StringComparison.Ordinal));
        var leaks = texts.Where(t => secrets.Any(secret => t.Text.Contains(secret, StringComparison.Ordinal))).Select(t => $"{t.Where}: {t.Text}").ToArray();
        Assert.True(leaks.Length == 0, "Recorded telemetry contains a UIN, a token or a key:\n" + string.Join('\n', leaks));
        // No bill body either (its fields are JSON names no log message uses).
        Assert.DoesNotContain(texts, t => t.Where.StartsWith("log ", StringComparison.Ordinal) && t.Text.Contains("\"customerUin\"", StringComparison.Ordinal));
    }

    private static object? Attribute(OpenTelemetry.Logs.LogRecord log, string name) =>
        log.Attributes?.FirstOrDefault(a => a.Key == name).Value;

    /// <summary>A sampled span of the test's own, so its requests carry a traceparent the app continues (and records).</summary>
    /// <summary>The bill's span in the producer's trace (once its outcome send is there too) and the group commit linked to it.</summary>
    private async Task<(Activity Bill, Activity Group)> BillAndGroupSpansAsync(ActivityTraceId producerTrace)
    {
        var trace = await UntilAsync(
            () => app.TraceOf(producerTrace),
            spans => spans.Any(x => x.DisplayName == "ProcessBill") && spans.Any(x => x.Source.Name.StartsWith("Azure.Storage.Queues", StringComparison.Ordinal)),
            "the bill's span and its outcome send did not reach the producer's trace");
        var bill = Assert.Single(trace, x => x.DisplayName == "ProcessBill");
        var group = await UntilAsync(
            () => app.Spans.Snapshot().SingleOrDefault(x => x.DisplayName == "bill group commit" && x.Links.Any(l => l.Context.SpanId == bill.SpanId)),
            found => found is not null,
            "no group commit span links to the bill");
        return (bill, group!);
    }

    private static Activity TestSpan()
    {
        var span = new Activity("telemetry test request").SetIdFormat(ActivityIdFormat.W3C).Start();
        span.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return span;
    }

    private static string NewBillId() => "bill-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A bill of 1.50 against a new voucher of <paramref name="voucher"/>, sent with a traceparent of a new trace (as a billing pipeline that traces sends it), applied; that trace.</summary>
    private async Task<ActivityTraceId> ApplyTracedBillAsync(string voucher)
    {
        var s = new Scenario(app);
        var (_, uin, _) = await s.VoucherAsync(voucher);
        var producerTrace = ActivityTraceId.CreateRandom();
        var billId = NewBillId();
        await SendBillAsync(BillJson(billId, s.PartnerId, uin, "1.50", $"00-{producerTrace}-{ActivitySpanId.CreateRandom()}-01"));
        await OutcomeAsync(s, billId, uin, "applied");
        return producerTrace;
    }

    private static string BillJson(string billId, string partnerId, string uin, string amount, string? traceParent = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = 1,
            ["billId"] = billId,
            ["partnerId"] = partnerId,
            ["payerKind"] = "customer",
            ["customerUin"] = uin,
            ["currency"] = "USD",
            ["billTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["lines"] = new[] { new { lineId = "1", productCode = "cvm", paymentMode = "postpaid", amount } },
            ["traceparent"] = traceParent,
        }.Where(p => p.Value is not null).ToDictionary());

    private Task SendBillAsync(string json) =>
        new QueueClient(app.Host.StorageConnectionString, "bills", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            .SendMessageAsync(BinaryData.FromString(json));

    private static async Task OutcomeAsync(Scenario s, string billId, string uin, string status)
    {
        var found = await Eventually.ValueAsync(
            () => s.Partner.GetAsync($"/api/bills/{billId}?customerUin={uin}"),
            response => response.StatusCode == HttpStatusCode.OK,
            $"bill {billId} has no outcome",
            Patience);
        Assert.Equal(status, (await found.Json(HttpStatusCode.OK)).Str("status"));
    }

    private static Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, string failure) => Eventually.ValueAsync(read, done, failure, Patience);
}
