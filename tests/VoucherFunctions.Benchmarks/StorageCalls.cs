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
    private readonly MeterListener _listener = new();
    private long _total;

    public StorageCalls(params int[] ports)
    {
        var watched = ports.ToHashSet();
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

    /// <summary>Counts the benchmark's own requests (add it to the clients the benchmark itself uses).</summary>
    public OwnCallsPolicy Own { get; } = new();

    /// <summary>Requests by everyone but the benchmark's own clients.</summary>
    public long Others => Interlocked.Read(ref _total) - Own.Count;

    public void Dispose() => _listener.Dispose();
}

public sealed class OwnCallsPolicy : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
