using Azure.Core.Pipeline;

namespace VoucherFunctions.Storage;

/// <summary>
/// The HTTP transport of the app's Table and Queue clients: Azure.Core's default (a SocketsHttpHandler without
/// redirects or cookies, connections renewed every 5 minutes, the proxy from the environment) minus System.Net.Http's
/// diagnostics handler. Azure.Core already traces every call (the clients' spans) and sends the current traceparent
/// with it (RequestActivityPolicy); the diagnostics handler, which SocketsHttpHandler adds only when it has an
/// ActivityHeadersPropagator, would create an activity and an event payload for every storage call, each dropped by
/// the tracing filter (TelemetryRegistration). The benchmark counted that at about 2 KB allocated per bill.
/// One instance for the process: one connection pool, as Azure.Core's shared transport.
/// </summary>
public static class StorageTransport
{
    public static HttpClientTransport Shared { get; } = new(new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        // Azure.Core's ServicePointHelpers sets this on its default handler (DNS changes are picked up).
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ActivityHeadersPropagator = null,
    })
    {
        // Timeouts are the pipeline's (retry policy, network timeout), as with Azure.Core's default client.
        Timeout = Timeout.InfiniteTimeSpan,
    });
}
