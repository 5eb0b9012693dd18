using System.Diagnostics;
using System.Diagnostics.Metrics;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// Every instrument of the app's Meter (<see cref="VoucherTelemetry.Name"/>), one method per thing that happens.
/// Dimensions are small closed sets (an outcome, a reason code, a currency, an operation name): never a customer UIN,
/// a bill id or any other per-request value, so a series count stays bounded however many bills flow.
/// README "Telemetry" lists them with units; the workbook (infra/modules/workbook.bicep) charts them.
/// </summary>
public sealed class VoucherMetrics
{
    private readonly Counter<long> _bills;
    private readonly Counter<long> _allocated;
    private readonly Counter<long> _remainingPayable;
    private readonly Histogram<int> _groupSize;
    private readonly Histogram<double> _groupDuration;
    private readonly Counter<long> _etagConflicts;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _decided;
    private readonly Counter<long> _overdue;
    private readonly Counter<long> _expired;
    private readonly Histogram<double> _timeToDecision;
    private readonly Histogram<double> _timeToIssuance;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _webhookDuration;
    private readonly Histogram<double> _httpDuration;

    public VoucherMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(VoucherTelemetry.Name, VoucherTelemetry.Version);
        _bills = meter.CreateCounter<long>(MetricNames.Bills, "{bill}", "Bills taken off the bills queue, by outcome (applied, duplicate, rejected with a reason, deferred for a retry).");
        _allocated = meter.CreateCounter<long>(MetricNames.AmountAllocated, MinorUnit, "What vouchers paid of applied bills, in 10^-8 of the bill currency.");
        _remainingPayable = meter.CreateCounter<long>(MetricNames.AmountRemainingPayable, MinorUnit, "What applied bills left payable after vouchers, in 10^-8 of the bill currency.");
        _groupSize = meter.CreateHistogram<int>(MetricNames.GroupSize, "{bill}", "Bills of one partner decided together against one read of their vouchers (group commit).",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });
        _groupDuration = meter.CreateHistogram<double>(MetricNames.GroupDuration, "s", "Time to decide one group: candidate read, deduction, commit, retries and fallbacks.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _etagConflicts = meter.CreateCounter<long>(MetricNames.EtagConflicts, "{conflict}", "Optimistic-concurrency races lost (stale ETag or existing row), by where and whether the work was retried.");
        _replays = meter.CreateCounter<long>(MetricNames.IdempotentReplays, "{replay}", "Repeats answered from what the first one stored: Idempotency-Key replays and redelivered bills.");
        _submitted = meter.CreateCounter<long>(MetricNames.ApplicationsSubmitted, "{application}", "Type II applications submitted for review.");
        _decided = meter.CreateCounter<long>(MetricNames.ApplicationsDecided, "{application}", "Type II applications decided, by decision.");
        _overdue = meter.CreateCounter<long>(MetricNames.ApplicationsOverdue, "{application}", "Type II applications that passed the review SLA undecided (escalated).");
        _expired = meter.CreateCounter<long>(MetricNames.ApplicationsExpired, "{application}", "Type II applications that reached the hard expiry undecided.");
        _timeToDecision = meter.CreateHistogram<double>(MetricNames.TimeToDecision, "s", "Time from submission to the decision, by decision.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 600, 3_600, 14_400, 86_400, 172_800, 259_200, 432_000, 604_800, 1_209_600, 2_592_000] });
        _timeToIssuance = meter.CreateHistogram<double>(MetricNames.TimeToIssuance, "s", "Time from an approval to all its vouchers issued.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1_800, 3_600] });
        _webhookDeliveries = meter.CreateCounter<long>(MetricNames.WebhookDeliveries, "{delivery}", "Webhook delivery attempts, by result.");
        _webhookDuration = meter.CreateHistogram<double>(MetricNames.WebhookDeliveryDuration, "s", "Time of one webhook delivery attempt.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _httpDuration = meter.CreateHistogram<double>(MetricNames.HttpRequestDuration, "s", "API requests (the partner API's pipeline and the vendor-compatible API), by operation and status.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    /// <summary>The unit of money amounts: the app's exact scale, 10^-8 of the currency (Money.MinorUnits).</summary>
    public const string MinorUnit = "{1e-8 currency unit}";

    public void BillApplied(PayerKind payerKind, Money allocated, Money remainingPayable)
    {
        ArgumentNullException.ThrowIfNull(allocated);
        ArgumentNullException.ThrowIfNull(remainingPayable);
        var payer = PayerKindName(payerKind);
        _bills.Add(1, new(Dimensions.BillOutcome, "applied"), new(Dimensions.PayerKind, payer));
        _allocated.Add(allocated.MinorUnits, new(Dimensions.Currency, allocated.Currency.Code), new(Dimensions.PayerKind, payer));
        _remainingPayable.Add(remainingPayable.MinorUnits, new(Dimensions.Currency, remainingPayable.Currency.Code), new(Dimensions.PayerKind, payer));
    }

    /// <summary>A bill found already applied: its stored outcome was sent again.</summary>
    public void BillDuplicate(PayerKind payerKind)
    {
        _bills.Add(1, new(Dimensions.BillOutcome, "duplicate"), new(Dimensions.PayerKind, PayerKindName(payerKind)));
        _replays.Add(1, new KeyValuePair<string, object?>(Dimensions.Operation, "ProcessBill"));
    }

    /// <summary>A bill refused for good; <paramref name="reasonCode"/> is one of the documented <c>bill.*</c> codes.</summary>
    public void BillRejected(PayerKind? payerKind, string reasonCode) =>
        _bills.Add(1, new(Dimensions.BillOutcome, "rejected"), new(Dimensions.RejectionReason, reasonCode), new(Dimensions.PayerKind, PayerKindName(payerKind)));

    /// <summary>A bill that failed transiently and goes back on the queue; <paramref name="failure"/> names the exception type.</summary>
    public void BillDeferred(PayerKind payerKind, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _bills.Add(1, new(Dimensions.BillOutcome, "deferred"), new(Dimensions.ErrorType, failure.GetType().Name), new(Dimensions.PayerKind, PayerKindName(payerKind)));
    }

    public void BillGroup(int bills, TimeSpan elapsed)
    {
        _groupSize.Record(bills);
        _groupDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>A lost optimistic-concurrency race at <paramref name="site"/> (the class that ran the read-modify-write).</summary>
    public void EtagConflict(string site, bool retried) =>
        _etagConflicts.Add(1, new(Dimensions.RetrySite, site), new(Dimensions.RetryOutcome, retried ? "retried" : "exhausted"));

    /// <summary>An Idempotency-Key repeat answered with the first response; <paramref name="operation"/> is the function name.</summary>
    public void IdempotentReplay(string operation) =>
        _replays.Add(1, new KeyValuePair<string, object?>(Dimensions.Operation, operation));

    public void ApplicationSubmitted() => _submitted.Add(1);

    public void ApplicationDecided(string decision, TimeSpan sinceSubmission)
    {
        var tag = new KeyValuePair<string, object?>(Dimensions.Decision, decision);
        _decided.Add(1, tag);
        _timeToDecision.Record(Math.Max(0, sinceSubmission.TotalSeconds), tag);
    }

    public void ApplicationOverdue() => _overdue.Add(1);

    public void ApplicationExpired() => _expired.Add(1);

    public void VouchersIssued(TimeSpan sinceApproval) => _timeToIssuance.Record(Math.Max(0, sinceApproval.TotalSeconds));

    /// <summary>
    /// One webhook delivery attempt. <paramref name="result"/>: <c>delivered</c> (2xx), <c>failed</c> (will be retried)
    /// or <c>abandoned</c> (no attempts left); <paramref name="status"/> is the receiver's HTTP status, null when none came.
    /// </summary>
    public void WebhookDelivery(string result, int? status, TimeSpan elapsed)
    {
        var tags = new TagList { { Dimensions.WebhookResult, result } };
        if (status is { } code)
        {
            tags.Add(Dimensions.HttpStatus, code);
        }

        _webhookDeliveries.Add(1, tags);
        _webhookDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>One API request; <paramref name="errorCode"/> is the problem details' stable code of a refusal.</summary>
    public void HttpRequest(string operation, int status, string? errorCode, TimeSpan elapsed)
    {
        var tags = new TagList { { Dimensions.Operation, operation }, { Dimensions.HttpStatus, status } };
        if (errorCode is not null)
        {
            tags.Add(Dimensions.ErrorCode, errorCode);
        }

        _httpDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>
    /// One request to the vendor-compatible API (<c>VendorApi</c>), in the same instrument as the partner API's: always
    /// HTTP 200, so its outcome is the vendor error code of a refusal; <paramref name="action"/> is a catalogue action's
    /// name, anything else (a header a caller made up) counts as <c>unknown</c>.
    /// </summary>
    public void VendorRequest(string? action, string? errorCode, TimeSpan elapsed)
    {
        var tags = new TagList { { Dimensions.Operation, VendorOperation }, { Dimensions.HttpStatus, 200 }, { Dimensions.VendorAction, action ?? "unknown" } };
        if (errorCode is not null)
        {
            tags.Add(Dimensions.ErrorCode, errorCode);
        }

        _httpDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>The function name of the vendor-compatible API.</summary>
    public const string VendorOperation = "VendorApi";

    private static string PayerKindName(PayerKind? kind) => kind switch
    {
        PayerKind.Customer => "customer",
        PayerKind.Partner => "partner",
        _ => "unknown",
    };
}

/// <summary>The instrument names of <see cref="VoucherMetrics"/> (README "Telemetry", the workbook).</summary>
public static class MetricNames
{
    public const string Bills = "voucher.bills";
    public const string AmountAllocated = "voucher.bill.amount.allocated";
    public const string AmountRemainingPayable = "voucher.bill.amount.remaining_payable";
    public const string GroupSize = "voucher.bill.group.size";
    public const string GroupDuration = "voucher.bill.group.duration";
    public const string EtagConflicts = "voucher.storage.etag_conflicts";
    public const string IdempotentReplays = "voucher.idempotent_replays";
    public const string ApplicationsSubmitted = "voucher.applications.submitted";
    public const string ApplicationsDecided = "voucher.applications.decided";
    public const string ApplicationsOverdue = "voucher.applications.overdue";
    public const string ApplicationsExpired = "voucher.applications.expired";
    public const string TimeToDecision = "voucher.application.decision.duration";
    public const string TimeToIssuance = "voucher.application.issuance.duration";
    public const string WebhookDeliveries = "voucher.webhook.deliveries";
    public const string WebhookDeliveryDuration = "voucher.webhook.delivery.duration";
    public const string HttpRequestDuration = "voucher.http.request.duration";

    public static IReadOnlyList<string> All { get; } =
    [
        Bills, AmountAllocated, AmountRemainingPayable, GroupSize, GroupDuration, EtagConflicts, IdempotentReplays,
        ApplicationsSubmitted, ApplicationsDecided, ApplicationsOverdue, ApplicationsExpired, TimeToDecision, TimeToIssuance,
        WebhookDeliveries, WebhookDeliveryDuration, HttpRequestDuration,
    ];
}

/// <summary>The dimension (attribute) names the instruments and spans use.</summary>
public static class Dimensions
{
    public const string BillOutcome = "voucher.bill.outcome";
    public const string RejectionReason = "voucher.bill.rejection_reason";
    public const string PayerKind = "voucher.payer_kind";
    public const string Currency = "voucher.currency";
    public const string ErrorType = "error.type";
    public const string RetrySite = "voucher.retry.site";
    public const string RetryOutcome = "voucher.retry.outcome";
    public const string Operation = "voucher.operation";
    public const string Decision = "voucher.application.decision";
    public const string WebhookResult = "voucher.webhook.result";
    public const string HttpStatus = "http.response.status_code";
    public const string ErrorCode = "voucher.error.code";
    public const string VendorAction = "voucher.vendor.action";
}
