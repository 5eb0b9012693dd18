using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Functions.Tests.Telemetry;

/// <summary>
/// Under sampling, a group commit is kept exactly when one of its bills is: it joins the trace of the first kept bill,
/// and a group of sampled-out bills is sampled out with them (propagation only, so its storage calls start no traces).
/// OpenTelemetry's SDK with its default sampler (parent-based, every root kept), as the app runs without settings:
/// a group that was a root of its own would be kept here whatever its bills.
/// </summary>
public sealed class GroupCommitSpanTests : IDisposable
{
    private readonly string _storageSource = "VoucherFunctions.Tests.GroupStorage." + Guid.NewGuid().ToString("N");
    private readonly TracerProvider _provider;

    public GroupCommitSpanTests() =>
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(VoucherTelemetry.Name, _storageSource)
            .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
            .Build()!;

    public void Dispose() => _provider.Dispose();

    [Fact]
    public void A_group_commit_is_in_the_trace_of_its_first_kept_bill_and_links_to_every_bill()
    {
        ActivityContext[] bills = [Bill(kept: false), Bill(kept: true), Bill(kept: true)];

        using var group = Spans.StartGroup("p-1", bills);

        Assert.NotNull(group);
        Assert.True(group.Recorded);
        Assert.Equal(bills[1].TraceId, group.TraceId);
        Assert.Equal(bills[1].SpanId, group.ParentSpanId);
        Assert.False(group.HasRemoteParent);
        Assert.Equal(bills.Select(b => b.SpanId), group.Links.Select(l => l.Context.SpanId));
        Assert.Equal("p-1", group.GetTagItem(Spans.PartnerId));
    }

    [Fact]
    public void A_group_of_sampled_out_bills_is_sampled_out_with_them_and_its_storage_calls_start_no_span()
    {
        ActivityContext[] bills = [Bill(kept: false), Bill(kept: false)];

        using var group = Spans.StartGroup("p-2", bills);
        using var storage = new ActivitySource(_storageSource);
        using var call = storage.StartActivity("TableClient.SubmitTransaction");

        // Still there, carrying the first bill's trace to what it calls, but nothing is recorded or tagged.
        Assert.NotNull(group);
        Assert.False(group.Recorded);
        Assert.False(group.IsAllDataRequested);
        Assert.Equal(bills[0].TraceId, group.TraceId);
        Assert.Empty(group.TagObjects);
        Assert.Null(call);
    }

    [Fact]
    public void A_group_whose_bills_carry_no_trace_starts_one()
    {
        using var group = Spans.StartGroup("p-3", [default, default]);

        Assert.NotNull(group);
        Assert.True(group.Recorded);
        Assert.Equal(default, group.ParentSpanId);
        Assert.Empty(group.Links);
    }

    private static ActivityContext Bill(bool kept) =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), kept ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None);
}
