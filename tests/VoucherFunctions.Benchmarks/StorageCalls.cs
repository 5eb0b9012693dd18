using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// Counts every HTTP request this process sends to the storage emulator's table and queue ports, from the
/// runtime's own <c>System.Net.Http</c> metrics, so calls made by code we do not own (the local host's queue
/// listener, the durable backend) count too. The benchmark's own calls (sending bills, reading outcomes) go
/// through <see cref="Own"/> and are subtracted.
/// </summary>
public sealed class StorageCalls : IDisposable
{
    private static readonly PartsPolicy Parts = new();
    private readonly MeterListener _listener = new();
    private readonly HashSet<int> _ports;
    private long _total;

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
    /// <see cref="EventSends"/>), from each request's method and URL as a policy of every storage client in this
    /// process sees it (<see cref="PrepareBreakdown"/>). Spans cannot tell: the local host's listeners, which read and
    /// delete <c>voucher-events</c> for the fan-out, trace nothing (LocalHost's HostStorageClients).
    /// </summary>
    public void StartBreakdown() => Parts.Watch(_ports);

    /// <summary>
    /// Set at start, before any storage client is made: every client's options start from
    /// <see cref="ClientOptions.Default"/>, and its policies with them (each try of each request passes the policy).
    /// Not in a telemetry child, whose process is measured.
    /// </summary>
    public static void PrepareBreakdown() => ClientOptions.Default.AddPolicy(Parts, HttpPipelinePosition.PerRetry);

    /// <summary>Requests of webhook delivery (since <see cref="StartBreakdown"/>): reading and deleting <c>voucher-events</c>, the webhook rows, <c>webhook-deliveries</c>.</summary>
    public long FanOut => Parts.FanOut;

    /// <summary>Events put on <c>voucher-events</c> after their commit (since <see cref="StartBreakdown"/>).</summary>
    public long EventSends => Parts.EventSends;

    internal enum Part
    {
        Other,
        EventSend,
        FanOut,
    }

    /// <summary>Which part made a request: a send on voucher-events is the outbox's publish; any other use of it, and every webhook row or delivery, is the fan-out.</summary>
    internal static Part PartOf(string? method, string url)
    {
        var path = url.Split('?')[0];
        if (path.Contains("/voucher-events", StringComparison.Ordinal))
        {
            return method == "POST" && path.EndsWith("/voucher-events/messages", StringComparison.Ordinal) ? Part.EventSend : Part.FanOut;
        }

        return path.Contains("/webhook-deliveries", StringComparison.Ordinal)
            || url.Contains("webhook|", StringComparison.Ordinal) || url.Contains("whhealth|", StringComparison.Ordinal)
            || url.Contains("whdel|", StringComparison.Ordinal) || url.Contains("sys|webhooks", StringComparison.Ordinal)
            ? Part.FanOut
            : Part.Other;
    }

    /// <summary>Counts the benchmark's own requests (add it to the clients the benchmark itself uses).</summary>
    public OwnCallsPolicy Own { get; } = new();

    /// <summary>Requests by everyone but the benchmark's own clients.</summary>
    public long Others => Interlocked.Read(ref _total) - Own.Count;

    public void Dispose() => _listener.Dispose();

    /// <summary>Sorts the requests to the watched ports by part, once told which ports.</summary>
    private sealed class PartsPolicy : HttpPipelineSynchronousPolicy
    {
        private HashSet<int>? _ports;
        private long _fanOut;
        private long _eventSends;

        public long FanOut => Interlocked.Read(ref _fanOut);

        public long EventSends => Interlocked.Read(ref _eventSends);

        public void Watch(HashSet<int> ports) => Volatile.Write(ref _ports, ports);

        public override void OnSendingRequest(HttpMessage message)
        {
            var uri = message.Request.Uri;
            if (Volatile.Read(ref _ports) is not { } ports || !ports.Contains(uri.Port))
            {
                return;
            }

            switch (PartOf(message.Request.Method.Method, Uri.UnescapeDataString(uri.ToString())))
            {
                case Part.FanOut:
                    Interlocked.Increment(ref _fanOut);
                    break;
                case Part.EventSend:
                    Interlocked.Increment(ref _eventSends);
                    break;
            }
        }
    }
}

public sealed class OwnCallsPolicy : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
