using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// Which traces are kept, from the standard settings <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c>,
/// checked at start: a value the SDK or the exporter does not know is ignored by both without a word (an EventSource
/// warning), so it stops the app instead. The SDK and the exporter read the settings themselves; this only checks them.
/// Metrics and log records are never sampled.
/// <para>
/// With Azure Monitor its exporter's sampler replaces the SDK's (the SDK keeps a programmatic sampler over the
/// setting), and it knows two: <c>microsoft.fixed_percentage</c> (argument 0 to 1, a decision by trace id hash, the
/// same in every process and on every day of an approval) and <c>microsoft.rate_limited</c> (traces per second per
/// process; the exporter's default, 5). Without Azure Monitor the SDK's own apply (<c>always_on</c>,
/// <c>parentbased_traceidratio</c> …, default <c>parentbased_always_on</c>).
/// </para>
/// </summary>
public sealed record TraceSampling(string? Sampler, double? Argument)
{
    public const string SamplerSetting = "OTEL_TRACES_SAMPLER";
    public const string ArgumentSetting = "OTEL_TRACES_SAMPLER_ARG";
    public const string FixedPercentage = "microsoft.fixed_percentage";
    public const string RateLimited = "microsoft.rate_limited";

    private static readonly string[] SdkSamplers = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"];

    public static TraceSampling From(IConfiguration configuration, bool azureMonitor)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[SamplerSetting] is not { Length: > 0 } setting)
        {
            return new TraceSampling(null, null);
        }

        // Both readers take the names in any case.
        var sampler = new[] { FixedPercentage, RateLimited }.Concat(SdkSamplers).FirstOrDefault(known => known.Equals(setting.Trim(), StringComparison.OrdinalIgnoreCase)) ?? setting.Trim();
        var argument = configuration[ArgumentSetting] is { Length: > 0 } text ? Number(text) : null;
        if (azureMonitor)
        {
            // The exporter ignores a sampler without an argument (DefaultAzureMonitorExporterOptions.ConfigureSamplingOptions).
            return sampler switch
            {
                FixedPercentage when argument is >= 0 and <= 1 => new TraceSampling(sampler, argument),
                RateLimited when argument is >= 0 => new TraceSampling(sampler, argument),
                FixedPercentage or RateLimited => throw new InvalidOperationException(
                    $"{ArgumentSetting} must be {(sampler == FixedPercentage ? "the share of traces kept, 0 to 1" : "the traces kept per second, 0 or more")} for {SamplerSetting}={sampler} (it is '{configuration[ArgumentSetting]}')."),
                _ => throw new InvalidOperationException(
                    $"{SamplerSetting} must be {FixedPercentage} or {RateLimited} when telemetry goes to Azure Monitor: its exporter's sampler replaces the OpenTelemetry SDK's (it is '{setting}')."),
            };
        }

        if (!SdkSamplers.Contains(sampler))
        {
            throw new InvalidOperationException($"{SamplerSetting} must be one of {string.Join(", ", SdkSamplers)} for OTLP ({FixedPercentage} and {RateLimited} apply with Azure Monitor only; it is '{setting}').");
        }

        if (sampler.EndsWith("traceidratio", StringComparison.Ordinal) && configuration[ArgumentSetting] is { Length: > 0 } && argument is not (>= 0 and <= 1))
        {
            throw new InvalidOperationException($"{ArgumentSetting} must be the share of traces kept, 0 to 1, for {SamplerSetting}={sampler} (it is '{configuration[ArgumentSetting]}').");
        }

        return new TraceSampling(sampler, argument);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
