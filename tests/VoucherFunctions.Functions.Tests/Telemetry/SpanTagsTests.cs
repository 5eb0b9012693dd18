using System.Diagnostics;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The app's span tags go only where they are read: a span the sampler kept. A sampled-out span (propagation only, as
/// OpenTelemetry's SDK makes for a root or remote parent it drops) still carries the trace on, without tags.
/// </summary>
public sealed class SpanTagsTests
{
    [Theory]
    [InlineData(ActivitySamplingResult.PropagationData, false)]
    [InlineData(ActivitySamplingResult.AllData, true)]
    [InlineData(ActivitySamplingResult.AllDataAndRecorded, true)]
    public void A_tag_is_set_only_on_a_span_that_records(ActivitySamplingResult sampling, bool tagged)
    {
        using var source = new ActivitySource("SpanTagsTests." + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => sampling,
        };
        ActivitySource.AddActivityListener(listener);

        using var span = source.StartActivity("bill");
        span.Tag(Spans.PartnerId, "p-1");

        Assert.NotNull(span);
        Assert.Equal(tagged, span.GetTagItem(Spans.PartnerId) is "p-1");
        Assert.Equal(tagged ? 1 : 0, span.TagObjects.Count());
    }
}
