using System.Diagnostics;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// W3C trace context as text (<c>traceparent</c>, with an optional <c>tracestate</c>), for work that continues a trace
/// across a boundary no instrumentation crosses: the orchestration input, a decision event, a bill message.
/// </summary>
public static class TraceParent
{
    /// <summary>The current span's <c>traceparent</c>, or null outside any span (or with non-W3C ids).</summary>
    public static string? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>The current span's <c>tracestate</c>, or null.</summary>
    public static string? CurrentState() => Activity.Current?.TraceStateString;

    /// <summary>
    /// The context a <c>traceparent</c> names; default (no parent) when it is missing or not valid W3C. A bad value is
    /// never a reason to refuse the work it came with: the work starts a trace of its own instead.
    /// </summary>
    public static ActivityContext Parse(string? traceParent, string? traceState = null) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;

    /// <summary>A link to the span current now, when there is one (e.g. the Functions host's invocation span).</summary>
    public static ActivityLink[] LinkToCurrent() =>
        Activity.Current is { } current ? [new ActivityLink(current.Context)] : [];
}
