using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VoucherFunctions.Telemetry;
using static VoucherFunctions.Infra.Tests.StorageCompositionTests;

namespace VoucherFunctions.Infra.Tests;

/// <summary>The app with the Bicep's settings exports to Application Insights with its managed identity, and only there.</summary>
public sealed class TelemetryCompositionTests
{
    [Fact]
    public void The_bicep_app_settings_send_telemetry_to_application_insights_with_the_managed_identity()
    {
        using var provider = StorageCompositionTests.Compose(StorageCompositionTests.BicepSettings());

        var destinations = provider.GetRequiredService<TelemetryDestinations>();
        Assert.Equal(StorageCompositionTests.Resolved[TelemetryDestinations.ConnectionStringSetting], destinations.AzureMonitorConnectionString);
        Assert.True(destinations.UsesEntraId);
        Assert.Equal(StorageCompositionTests.Resolved["AzureWebJobsStorage__clientId"], destinations.ManagedIdentityClientId);
        Assert.IsType<ManagedIdentityCredential>(destinations.Credential());
        Assert.Null(destinations.OtlpEndpoint);
        // The exporters build from these settings (they send nothing until there is telemetry).
        Assert.NotNull(provider.GetRequiredService<TracerProvider>());
        Assert.NotNull(provider.GetRequiredService<MeterProvider>());
        // The worker sends its own logs to Application Insights, so the Functions host does not send them again.
        Assert.Equal(bool.TrueString, provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Capabilities["WorkerApplicationInsightsLoggingEnabled"]);
    }

    [Fact]
    public void The_bicep_sampling_settings_reach_the_azure_monitor_exporter_as_a_fixed_percentage()
    {
        using var provider = Compose(BicepSettings());

        Assert.Equal(new TraceSampling(TraceSampling.FixedPercentage, 0.1), provider.GetRequiredService<TelemetryDestinations>().Sampling);
        // The exporter builds its sampler from these (ApplicationInsightsSampler(SamplingRatio) when TracesPerSecond is
        // null, else its rate-limited one): without them it would keep 5 traces/s per instance whatever the settings say.
        var exporter = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Null(exporter.TracesPerSecond);
        Assert.Equal(0.1f, exporter.SamplingRatio);
        Assert.Equal(Resolved[TelemetryDestinations.ConnectionStringSetting], exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
    }

    [Theory]
    [InlineData(TraceSampling.RateLimited, "20", null, 20.0)]
    [InlineData("Microsoft.Fixed_Percentage", "1", 1.0f, null)]
    public void The_azure_monitor_exporter_samples_as_the_settings_say(string sampler, string argument, float? ratio, double? perSecond)
    {
        var settings = BicepSettings();
        settings[TraceSampling.SamplerSetting] = sampler;
        settings[TraceSampling.ArgumentSetting] = argument;
        using var provider = Compose(settings);

        var exporter = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(perSecond, exporter.TracesPerSecond);
        if (ratio is { } expected)
        {
            Assert.Equal(expected, exporter.SamplingRatio);
        }
    }

    [Theory]
    [InlineData("parentbased_traceidratio", "0.5", "must be microsoft.fixed_percentage or microsoft.rate_limited when telemetry goes to Azure Monitor")]
    [InlineData(TraceSampling.FixedPercentage, "10", "the share of traces kept, 0 to 1")]
    [InlineData(TraceSampling.FixedPercentage, "", "the share of traces kept, 0 to 1")]
    [InlineData(TraceSampling.RateLimited, "-1", "the traces kept per second")]
    [InlineData(TraceSampling.RateLimited, "many", "the traces kept per second")]
    public void A_sampler_the_azure_monitor_exporter_would_ignore_stops_the_app_at_start(string sampler, string argument, string message)
    {
        var settings = BicepSettings();
        settings[TraceSampling.SamplerSetting] = sampler;
        settings[TraceSampling.ArgumentSetting] = argument;

        var error = Assert.Throws<InvalidOperationException>(() => Compose(settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TelemetryDestinations.AuthenticationSetting, "ClientId=00000000-0000-0000-0000-000000000001", "Authorization=AAD")]
    [InlineData(TelemetryDestinations.OtlpEndpointSetting, "localhost:4317", "absolute http(s) URL")]
    [InlineData(TraceSampling.SamplerSetting, "traceidratio_based", "must be one of always_on, always_off, traceidratio")]
    [InlineData(TraceSampling.SamplerSetting, TraceSampling.FixedPercentage, "apply with Azure Monitor only")]
    public void A_malformed_telemetry_setting_stops_the_app_at_start_saying_what_to_fix(string setting, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageCompositionTests.Compose(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [setting] = value,
        }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
