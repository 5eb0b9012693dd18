using System.Diagnostics;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// The spans the app starts itself (HTTP requests, Azure SDK calls and the Functions invocation have their own
/// instrumentation). Attributes name partners, bills, applications and outcomes: never a customer UIN or a token.
/// </summary>
public static class Spans
{
    public const string PartnerId = "voucher.partner.id";
    public const string BillId = "voucher.bill.id";
    public const string ApplicationId = "voucher.application.id";
    public const string GroupSize = "voucher.bill.group.size";
    public const string GroupFellBack = "voucher.bill.group.one_by_one";

    /// <summary>
    /// One bill from the <c>bills</c> queue. It continues the trace of the bill message's <c>traceparent</c> when the
    /// message carries a valid one (then linked to the span current now, the queue invocation's), else it is a child of
    /// the current span (the Functions host's invocation of ProcessBill), or a new trace.
    /// </summary>
    public static Activity? StartBill(string messageId, string? traceParent, string? traceState)
    {
        var parent = TraceParent.Parse(traceParent, traceState);
        var activity = parent == default
            ? VoucherTelemetry.Source.StartActivity("ProcessBill", ActivityKind.Consumer)
            : VoucherTelemetry.Source.StartActivity("ProcessBill", ActivityKind.Consumer, parent, links: TraceParent.LinkToCurrent());
        activity.Tag("messaging.system", "azure_queue");
        activity.Tag("messaging.destination.name", Storage.QueueNames.Bills);
        activity.Tag("messaging.message.id", messageId);
        return activity;
    }

    /// <summary>
    /// A group commit of one partner's bills: a span of its own (the group serves several bills' traces), linked to
    /// each bill's span, so every bill's trace leads to the one transaction that applied it.
    /// </summary>
    public static Activity? StartGroup(string partnerId, IReadOnlyCollection<ActivityContext> bills)
    {
        ArgumentNullException.ThrowIfNull(bills);
        if (!VoucherTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = bills.Where(b => b != default).Select(b => new ActivityLink(b)).ToArray();
        // A child of the current span if any: the batcher's drain loop clears it, since it runs on behalf of all the
        // group's bills, not the first one that started it (a group of one, without coalescing, is that bill's child).
        var activity = VoucherTelemetry.Source.StartActivity("bill group commit", ActivityKind.Internal, Activity.Current?.Context ?? default, links: links);
        activity.Tag(PartnerId, partnerId);
        activity.Tag(GroupSize, bills.Count);
        return activity;
    }

    /// <summary>
    /// One approval activity, in the trace of the request that submitted the application (the orchestration input
    /// carries its traceparent), linked to the span current now (the Functions host's invocation of the activity) and
    /// to the decision's request when the orchestration learned it from the decision event.
    /// </summary>
    public static Activity? StartApprovalActivity(string name, Approval.ApprovalInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!VoucherTelemetry.Source.HasListeners())
        {
            return null;
        }

        var parent = TraceParent.Parse(input.TraceParent);
        // Without a traceparent in the input (an orchestration started before there was one) the span is the invocation's child.
        List<ActivityLink> links = parent == default ? [] : [.. TraceParent.LinkToCurrent()];
        if (TraceParent.Parse(input.DecisionTraceParent) is var decision && decision != default)
        {
            links.Add(new ActivityLink(decision));
        }

        var activity = VoucherTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent == default ? Activity.Current?.Context ?? default : parent, links: links);
        activity.Tag(PartnerId, input.PartnerId);
        activity.Tag(ApplicationId, input.ApplicationId);
        return activity;
    }
}
