using OpenTelemetry.Metrics;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// The app's own instruments (Meter "VoucherFunctions"), read through OpenTelemetry's in-memory exporter added to
/// the host's telemetry registration, so each run can print what the app counted beside what the benchmark saw.
/// </summary>
public sealed class AppMetrics
{
    private readonly List<MetricSnapshot> _exported = [];

    /// <summary>Where the exporter puts its snapshots (give it to AddInMemoryExporter).</summary>
    public ICollection<MetricSnapshot> Exported => _exported;

    /// <summary>The app's totals now (cumulative since the host started).</summary>
    public Totals Read(MeterProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        lock (_exported)
        {
            _exported.Clear();
            provider.ForceFlush(10_000);
            var latest = _exported.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            long Sum(string name, string? outcome = null) => latest.TryGetValue(name, out var m)
                ? m.MetricPoints.Where(p => outcome is null || Has(p, Dimensions.BillOutcome, outcome)).Sum(p => p.GetSumLong())
                : 0;
            (long Count, double Sum) Histogram(string name) => latest.TryGetValue(name, out var m)
                ? (m.MetricPoints.Sum(p => p.GetHistogramCount()), m.MetricPoints.Sum(p => p.GetHistogramSum()))
                : (0, 0);
            var groups = Histogram(MetricNames.GroupSize);
            var groupTime = Histogram(MetricNames.GroupDuration);
            return new Totals(Sum(MetricNames.Bills, "applied"), Sum(MetricNames.Bills, "duplicate"), Sum(MetricNames.Bills, "rejected"), Sum(MetricNames.Bills, "deferred"),
                groups.Count, groups.Sum, groupTime.Sum, Sum(MetricNames.EtagConflicts));
        }
    }

    private static bool Has(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(tag.Value, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Cumulative totals of the instruments a bill run moves.</summary>
    public sealed record Totals(long Applied, long Duplicates, long Rejected, long Deferred, long Groups, double GroupedBills, double GroupSeconds, long EtagConflicts)
    {
        public static Totals operator -(Totals a, Totals b) => new(
            a.Applied - b.Applied, a.Duplicates - b.Duplicates, a.Rejected - b.Rejected, a.Deferred - b.Deferred,
            a.Groups - b.Groups, a.GroupedBills - b.GroupedBills, a.GroupSeconds - b.GroupSeconds, a.EtagConflicts - b.EtagConflicts);

        public double MeanGroupSize => Groups == 0 ? 0 : GroupedBills / Groups;

        public double MeanGroupMs => Groups == 0 ? 0 : GroupSeconds * 1000 / Groups;
    }
}
