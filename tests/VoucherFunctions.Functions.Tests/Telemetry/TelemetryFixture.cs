using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The app on the local host with OpenTelemetry's in-memory exporters added to its own telemetry registration:
/// every span, metric point and log record it would send to OTLP or Azure Monitor is kept here to be read.
/// </summary>
public sealed class TelemetryFixture : AppHostFixture
{
    public Recorded<Activity> Spans { get; } = new();

    public Recorded<MetricSnapshot> Metrics { get; } = new();

    public Recorded<LogRecord> Logs { get; } = new();

    protected override void AddServices(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(Spans))
            // The in-memory reader exports only when asked (Collect): cumulative sums, so a test compares before and after.
            .WithMetrics(metrics => metrics.AddInMemoryExporter(Metrics))
            .WithLogging(logging => logging.AddInMemoryExporter(Logs));

    /// <summary>The app's instruments now: the newest snapshot of each of its metrics after a collection.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> Collect()
    {
        Metrics.Clear();
        Assert.True(Host.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "The metric reader did not collect in 10 s.");
        return Metrics.Snapshot().GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    /// <summary>Spans exported so far that belong to a trace.</summary>
    public IReadOnlyList<Activity> TraceOf(ActivityTraceId traceId) => Spans.Snapshot().Where(s => s.TraceId == traceId).ToArray();
}

/// <summary>A collection the exporters add to from many threads while a test reads it.</summary>
public sealed class Recorded<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public T[] Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Telemetry tests read process-wide instruments and sources (OpenTelemetry listens to every Meter and ActivitySource
/// of a name, whichever host created it): they run alone, with no other collection's bills or requests in flight.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
