using System.Diagnostics;
using OpenTelemetry;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// Leaves out storage calls that belong to no operation: an Azure SDK span that starts a trace of its own (and
/// everything under it) is background work — start-up provisioning, work a background service does on no request's or
/// bill's behalf — not worth a trace each. (The local host's queue listeners and durable backend, the Functions host's
/// part, start no spans at all: LocalHost's HostStorageClients.) Storage calls of a request, a bill or an approval
/// activity have that operation's span as parent and are kept. Clearing the Recorded flag before the
/// exporters' processors run (they come later in the chain) is how the SDK's export processors skip a span.
/// </summary>
public sealed class BackgroundStorageSpans : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var root = data;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        if (root.ParentSpanId == default && root.Source.Name.StartsWith("Azure.", StringComparison.Ordinal))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
