using System.Diagnostics;
using System.Reflection;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// The app's one name for telemetry: its <see cref="ActivitySource"/> (spans) and its Meter (instruments,
/// <see cref="VoucherMetrics"/>) are both called <see cref="Name"/>, so one <c>AddSource</c> and one <c>AddMeter</c> take all.
/// </summary>
public static class VoucherTelemetry
{
    public const string Name = "VoucherFunctions";

    public static readonly string Version =
        typeof(VoucherTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Spans of the app's own work: a bill, a group commit, an approval activity.</summary>
    public static readonly ActivitySource Source = new(Name, Version);
}
