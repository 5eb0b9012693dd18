using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// Counts the spans a host records (those the exporter sends), by ActivitySource, so the telemetry rounds can say
/// what a bill's trace is made of. Added after the app's processors, so the spans they leave out are not counted.
/// </summary>
public sealed class SpanCounter : BaseProcessor<Activity>
{
    private readonly ConcurrentDictionary<string, long> _bySource = new(StringComparer.Ordinal);

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Recorded)
        {
            _bySource.AddOrUpdate(data.Source.Name, 1, (_, n) => n + 1);
        }
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_bySource, StringComparer.Ordinal);

    /// <summary>Spans per bill by source between two snapshots, largest first, e.g. "12.1: Azure.Data.Tables.TableClient 4.0, ...".</summary>
    public static string PerBill(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, int bills)
    {
        var delta = after.Select(a => (Source: a.Key, Count: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Count > 0).OrderByDescending(d => d.Count).ToArray();
        var total = delta.Sum(d => d.Count);
        return $"{(double)total / bills:F1} spans/bill: " + string.Join(", ", delta.Select(d => $"{d.Source} {(double)d.Count / bills:F2}"));
    }
}
