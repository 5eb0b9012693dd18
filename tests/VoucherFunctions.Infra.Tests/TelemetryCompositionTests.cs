using Azure.Identity;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VoucherFunctions.Telemetry;

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

    [Theory]
    [InlineData(TelemetryDestinations.AuthenticationSetting, "ClientId=00000000-0000-0000-0000-000000000001", "Authorization=AAD")]
    [InlineData(TelemetryDestinations.OtlpEndpointSetting, "localhost:4317", "absolute http(s) URL")]
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
