using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace VoucherFunctions.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>Azure.Core's switch for its ActivitySource spans ("Azure.*"): read once per process, when an Azure client first traces.</summary>
    public const string AzureSdkActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>
    /// The Azure SDK clients the app calls, one span per operation (<c>TableClient.SubmitTransaction</c>,
    /// <c>QueueClient.SendMessage</c>; a source per client, <c>{namespace}.{client}</c>), its outcome and its retries
    /// inside it. Azure.Core's span of each HTTP try under it (<c>Azure.Core.Http</c>) is not listened to, so never
    /// created: it repeated every storage call, 3.6 of a bill's 8.8 spans in the benchmark.
    /// </summary>
    public static readonly string[] AzureSdkSources = ["Azure.Data.Tables.*", "Azure.Storage.*", "Azure.Identity.*"];

    /// <summary>
    /// The app's traces, metrics and logs with OpenTelemetry, exported where <see cref="TelemetryDestinations"/> says.
    /// What to collect (sources, meters, instrumentation, redaction) is configured whether or not anything exports,
    /// so a host or a test that adds an exporter of its own (<c>AddOpenTelemetry().WithTracing(...)</c>) gets the same.
    /// </summary>
    public static IServiceCollection AddVoucherTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Also set in VoucherFunctions.csproj (runtimeconfig), which covers the Functions worker from its first line;
        // this covers processes that compose the app themselves (the local host, tests) before they create a client.
        AppContext.SetSwitch(AzureSdkActivitySourceSwitch, true);
        var destinations = TelemetryDestinations.From(configuration);
        services.AddSingleton(destinations);
        services.AddMetrics();
        services.AddSingleton<VoucherMetrics>();
        // Trace and span ids on every log record (scopes of the console and other providers; OpenTelemetry's own has them).
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource([VoucherTelemetry.Name, .. AzureSdkSources])
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsGrpc(context.Request.ContentType))
            .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !IsGrpc(request.Content?.Headers.ContentType?.MediaType) && !InsideAzureSdkSpan())
            .AddProcessor(new BackgroundStorageSpans())
            .AddProcessor(new UrlRedaction()));
        // Not System.Net.Http's meter: the app's outgoing HTTP is storage calls (each timed by its Azure SDK span, and
        // measured by the storage account itself in Azure Monitor) and webhook deliveries (timed by the app's own
        // metric). Collected, it measured every storage call (several per bill) and its in-flight gauge twice per call;
        // not collected, its instruments stay disabled and SocketsHttpHandler's MetricsHandler passes each request
        // straight through (README, Telemetry overhead).
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(VoucherTelemetry.Name)
            .AddAspNetCoreInstrumentation());

        if (!destinations.Any)
        {
            return services;
        }

        var otel = services.AddOpenTelemetry()
            .WithTracing()
            .WithMetrics()
            .WithLogging(configureBuilder: null, configureOptions: o => o.IncludeFormattedMessage = true)
            // The Functions worker's invocation spans and the resource (service name from the site, region, instance).
            .UseFunctionsWorkerDefaults();
        if (destinations.OtlpEndpoint is not null)
        {
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and the per-signal variants from configuration.
            otel.UseOtlpExporter();
        }

        if (destinations.AzureMonitorConnectionString is { } connectionString)
        {
            // The overload without options, then the options: only that overload registers the exporter's reader of
            // OTEL_TRACES_SAMPLER/_ARG (DefaultAzureMonitorExporterOptions); UseAzureMonitorExporter(configure) leaves it
            // out and samples 5 traces/s whatever the settings say (OpenTelemetryBuilderExtensions.cs; seen in 1.10.0).
            otel.UseAzureMonitorExporter();
            services.Configure<AzureMonitorExporterOptions>(o =>
            {
                o.ConnectionString = connectionString;
                o.Credential = destinations.Credential();
                // Traces are sampled as OTEL_TRACES_SAMPLER/_ARG say (TraceSampling; the Bicep: a fixed percentage); log
                // records are all kept, so no warning of an unsampled bill is lost. Metrics are never sampled.
                o.EnableTraceBasedLogsSampler = false;
            });
            // The worker now sends its own logs to Application Insights: the Functions host stops forwarding them there,
            // which would record every log line twice (it drops a worker's RpcLog from its Application Insights channel
            // when the worker declares this capability; Microsoft.Azure.Functions.Worker.ApplicationInsights declares it too).
            services.Configure<WorkerOptions>(o => o.Capabilities["WorkerApplicationInsightsLoggingEnabled"] = bool.TrueString);
        }

        return services;
    }

    // The durable sidecar (local host) and the Functions host channel speak gRPC: long-lived streams, not requests.
    private static bool IsGrpc(string? contentType) => contentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    // An Azure SDK call has its own span; the HTTP client's under it would only repeat it. The filter runs with the
    // HTTP client's own activity already current (System.Net.Http's ActivitySource), so the SDK's is its parent.
    private static bool InsideAzureSdkSpan() => IsAzureSdk(Activity.Current) || IsAzureSdk(Activity.Current?.Parent);

    private static bool IsAzureSdk(Activity? activity) => activity?.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) == true;
}
