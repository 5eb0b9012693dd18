using System.Diagnostics;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// Tags the app sets on its spans. A span that is sampled out still exists, to carry the trace context to what it
/// calls, but nothing reads its tags: each one set on it would be an allocation (and a boxed value) on the hot path
/// for nothing — at 10% sampling, nine bills in ten. So a tag is set only on a span that records.
/// </summary>
public static class SpanTags
{
    // Generic, so a value type is boxed only when the tag is set.
    public static void Tag<T>(this Activity? span, string key, T value)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(key, value);
        }
    }
}
