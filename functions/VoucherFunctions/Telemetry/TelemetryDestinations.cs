using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace VoucherFunctions.Telemetry;

/// <summary>
/// Where traces, metrics and logs go, from the standard settings: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (the other <c>OTEL_EXPORTER_OTLP_*</c> variables as the OpenTelemetry SDK reads them), Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, authenticated with Entra ID when
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says <c>Authorization=AAD</c> (the Functions host reads the same two
/// settings). Which traces are kept: <see cref="TraceSampling"/>. Neither: nothing is exported and no OpenTelemetry SDK runs (the instruments cost next to nothing then).
/// </summary>
public sealed record TelemetryDestinations(Uri? OtlpEndpoint, string OtlpProtocol, string? AzureMonitorConnectionString, string? ManagedIdentityClientId, bool UsesEntraId, TraceSampling Sampling)
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public bool Any => OtlpEndpoint is not null || AzureMonitorConnectionString is not null;

    /// <summary>Reads and checks the settings; a malformed one stops the app at start with what to fix.</summary>
    public static TelemetryDestinations From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Uri? otlp = null;
        if (configuration[OtlpEndpointSetting] is { Length: > 0 } endpoint &&
            !(Uri.TryCreate(endpoint, UriKind.Absolute, out otlp) && otlp.Scheme is "http" or "https"))
        {
            throw new InvalidOperationException($"{OtlpEndpointSetting} must be an absolute http(s) URL, e.g. http://127.0.0.1:4317 (it is '{endpoint}').");
        }

        var connectionString = configuration[ConnectionStringSetting] is { Length: > 0 } cs ? cs : null;
        string? clientId = null;
        var entraId = false;
        if (configuration[AuthenticationSetting] is { Length: > 0 } authentication)
        {
            var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
            if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{AuthenticationSetting} must be 'Authorization=AAD' with an optional 'ClientId=<user-assigned identity>' (it has no Authorization=AAD).");
            }

            entraId = true;
            clientId = parts.TryGetValue("ClientId", out var id) && id.Length > 0 ? id : null;
        }

        return new TelemetryDestinations(otlp, configuration[OtlpProtocolSetting] is { Length: > 0 } protocol ? protocol : "grpc", connectionString, clientId, entraId,
            TraceSampling.From(configuration, azureMonitor: connectionString is not null));
    }

    /// <summary>The credential the Azure Monitor exporter uses: the app's managed identity (local auth is disabled on Application Insights).</summary>
    public TokenCredential? Credential() => UsesEntraId
        ? new ManagedIdentityCredential(ManagedIdentityClientId is { } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
        : null;

    /// <summary>One line for the local host's banner.</summary>
    public string Describe() => (OtlpEndpoint, AzureMonitorConnectionString) switch
    {
        (null, null) => $"not exported (set {OtlpEndpointSetting}, e.g. http://127.0.0.1:4317, to send traces, metrics and logs to an OTLP receiver)",
        ({ } otlp, null) => $"traces, metrics and logs to OTLP at {otlp} ({OtlpProtocol})",
        (null, _) => "traces, metrics and logs to Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING)" + (UsesEntraId ? " with Entra ID" : ""),
        ({ } otlp, _) => $"traces, metrics and logs to OTLP at {otlp} ({OtlpProtocol}) and to Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING)",
    };
}
