using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// Counts every HTTP request this process sends to the storage emulator's table and queue ports, from the
/// runtime's own <c>System.Net.Http</c> metrics, so calls made by code we do not own (the local host's queue
/// listener, the durable backend) count too. The benchmark's own calls (sending bills, reading outcomes) go
/// through <see cref="Own"/> and are subtracted.
/// </summary>
public sealed class StorageCalls : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<int> _ports;
    private ActivityListener? _activities;
    private long _total;
    private long _fanOut;
    private long _eventSends;

    public StorageCalls(params int[] ports)
    {
        var watched = ports.ToHashSet();
        _ports = watched;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port && watched.Contains(port))
                {
                    Interlocked.Increment(ref _total);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>
    /// From now on, also sorts the requests by the part of the app that made them (<see cref="FanOut"/>,
    /// <see cref="EventSends"/>), from Azure.Core's span of each HTTP try (<c>Azure.Core.Http</c>, which the app does
    /// not listen to) and its <c>url.full</c> (table query filters shown: <see cref="PrepareBreakdown"/>). The app's
    /// storage clients make no <c>System.Net.Http</c> activity (<c>StorageTransport</c>). Recording those spans costs a
    /// little, so it is not on while telemetry overhead is measured.
    /// </summary>
    public void StartBreakdown()
    {
        if (_activities is not null)
        {
            return;
        }

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Azure.Core.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                // Azure.Core 1.63 names them as OpenTelemetry's HTTP conventions do (older versions: net.peer.port, http.url, http.method).
                if (activity.GetTagItem("server.port") is int port && _ports.Contains(port) && activity.GetTagItem("url.full") is string url)
                {
                    switch (Part(activity.GetTagItem("http.request.method") as string, Uri.UnescapeDataString(url)))
                    {
                        case Parts.FanOut:
                            Interlocked.Increment(ref _fanOut);
                            break;
                        case Parts.EventSend:
                            Interlocked.Increment(ref _eventSends);
                            break;
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    /// <summary>
    /// Set at start, before any client is made or traces: Azure.Core reads its ActivitySource switch once per process,
    /// at its first span, and redacts query values in the URLs it traces (a table query's <c>$filter</c> names the rows
    /// it reads; every client's options start from <see cref="ClientOptions.Default"/>).
    /// </summary>
    public static void PrepareBreakdown()
    {
        AppContext.SetSwitch(TelemetryRegistration.AzureSdkActivitySourceSwitch, true);
        ClientOptions.Default.Diagnostics.LoggedQueryParameters.Add("$filter");
    }

    /// <summary>Requests of webhook delivery (since <see cref="StartBreakdown"/>): reading and deleting <c>voucher-events</c>, the webhook rows, <c>webhook-deliveries</c>.</summary>
    public long FanOut => Interlocked.Read(ref _fanOut);

    /// <summary>Events put on <c>voucher-events</c> after their commit (since <see cref="StartBreakdown"/>).</summary>
    public long EventSends => Interlocked.Read(ref _eventSends);

    internal enum Parts
    {
        Other,
        EventSend,
        FanOut,
    }

    /// <summary>Which part made a request: a send on voucher-events is the outbox's publish; any other use of it, and every webhook row or delivery, is the fan-out.</summary>
    internal static Parts Part(string? method, string url)
    {
        var path = url.Split('?')[0];
        if (path.Contains("/voucher-events", StringComparison.Ordinal))
        {
            return method == "POST" && path.EndsWith("/voucher-events/messages", StringComparison.Ordinal) ? Parts.EventSend : Parts.FanOut;
        }

        return path.Contains("/webhook-deliveries", StringComparison.Ordinal)
            || url.Contains("webhook|", StringComparison.Ordinal) || url.Contains("whhealth|", StringComparison.Ordinal)
            || url.Contains("whdel|", StringComparison.Ordinal) || url.Contains("sys|webhooks", StringComparison.Ordinal)
            ? Parts.FanOut
            : Parts.Other;
    }

    /// <summary>Counts the benchmark's own requests (add it to the clients the benchmark itself uses).</summary>
    public OwnCallsPolicy Own { get; } = new();

    /// <summary>Requests by everyone but the benchmark's own clients.</summary>
    public long Others => Interlocked.Read(ref _total) - Own.Count;

    public void Dispose()
    {
        _listener.Dispose();
        _activities?.Dispose();
    }
}

public sealed class OwnCallsPolicy : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
