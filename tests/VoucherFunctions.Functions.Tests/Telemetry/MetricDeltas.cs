using OpenTelemetry.Metrics;

namespace VoucherFunctions.Functions.Tests.Telemetry;

/// <summary>Reads the in-memory exporter's cumulative snapshots (<see cref="TelemetryFixture.Collect"/>) as what changed between two of them.</summary>
public static class MetricDeltas
{
    /// <summary>
    /// The sum (counters) or count (histograms) of a metric's points that carry these tags, now less before. A tag
    /// whose value is null must be absent from the point (e.g. no error code: a request that succeeded).
    /// </summary>
    public static long Delta(IReadOnlyDictionary<string, MetricSnapshot> before, IReadOnlyDictionary<string, MetricSnapshot> after, string name, params (string Key, object? Value)[] tags) =>
        Total(after, name, tags) - Total(before, name, tags);

    private static long Total(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, (string Key, object? Value)[] tags)
    {
        if (!metrics.TryGetValue(name, out var metric))
        {
            return 0;
        }

        long total = 0;
        foreach (var point in metric.MetricPoints)
        {
            var pointTags = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => t.Value is null ? !pointTags.ContainsKey(t.Key) : pointTags.TryGetValue(t.Key, out var value) && Equals(value?.ToString(), t.Value.ToString())))
            {
                total += metric.MetricType switch
                {
                    MetricType.LongSum => point.GetSumLong(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => throw new InvalidOperationException($"{name} is a {metric.MetricType}"),
                };
            }
        }

        return total;
    }

    /// <summary>Every value a dimension takes in a metric's points.</summary>
    public static IReadOnlySet<string> ValuesOf(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, string dimension)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (metrics.TryGetValue(name, out var metric))
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == dimension)
                    {
                        values.Add(tag.Value?.ToString() ?? "");
                    }
                }
            }
        }

        return values;
    }
}
