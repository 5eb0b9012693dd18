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
    /// A group commit of one partner's bills, linked to each bill's span, in the trace of the first of them whose trace
    /// is kept: the commit is recorded exactly when one of its bills is, so a sampled bill's trace holds the
    /// transaction that applied it (or the other bills' traces link to it), and no trace is kept for a group whose
    /// bills were all sampled out. (As a root of its own it was sampled on its own: at 10%, nine sampled bills in ten
    /// had no commit in their trace, and one group in ten whose bills were dropped was kept.)
    /// </summary>
    public static Activity? StartGroup(string partnerId, IReadOnlyCollection<ActivityContext> bills)
    {
        ArgumentNullException.ThrowIfNull(bills);
        if (!VoucherTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = bills.Where(b => b != default).Select(b => new ActivityLink(b)).ToArray();
        var activity = VoucherTelemetry.Source.StartActivity("bill group commit", ActivityKind.Internal, GroupParent(bills), links: links);
        activity.Tag(PartnerId, partnerId);
        activity.Tag(GroupSize, bills.Count);
        return activity;
    }

    /// <summary>
    /// The first kept bill; else the first bill, as a remote parent: under a sampled-out remote parent OpenTelemetry's
    /// SDK makes a propagation-only span, under a local one none at all, and the group's storage calls would then each
    /// start a trace of their own. No bill context (nothing listened when they started): a new trace.
    /// </summary>
    private static ActivityContext GroupParent(IReadOnlyCollection<ActivityContext> bills)
    {
        var first = default(ActivityContext);
        foreach (var bill in bills)
        {
            if (bill.TraceFlags.HasFlag(ActivityTraceFlags.Recorded))
            {
                return bill;
            }

            first = first == default ? bill : first;
        }

        return first == default ? default : new ActivityContext(first.TraceId, first.SpanId, first.TraceFlags, first.TraceState, isRemote: true);
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
