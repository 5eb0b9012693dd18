using VoucherFunctions.Webhooks.Outbound;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>
/// The one HTTP client of webhook deliveries: connects only through <see cref="GuardedConnector"/>, follows no
/// redirect, uses no proxy (which would connect on its behalf, past the guard) and no cookies, and caps response
/// headers at 16 KiB. Pooled connections are renewed every minute, so a changed DNS answer is checked again soon.
/// </summary>
public sealed class WebhookHttpClient : IDisposable
{
    public WebhookHttpClient(GuardedConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        Client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = connector.ConnectAsync,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 16,
            MaxConnectionsPerServer = 16,
        })
        {
            // Each attempt has its own deadline (Webhooks:AttemptTimeout).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("VoucherFunctions-Webhooks/1.0");
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
