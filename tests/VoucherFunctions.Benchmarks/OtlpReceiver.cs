using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// A stand-in OTLP/HTTP collector on a loopback port: it accepts every export (200, empty body) and counts requests
/// and bytes per signal, so the "telemetry on" runs pay the whole export path (serialisation, HTTP) as in production.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (long Requests, long Bytes)> _received = new(StringComparer.Ordinal);

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            var buffer = new byte[16 * 1024];
            long bytes = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }

            lock (receiver._received)
            {
                var (requests, total) = receiver._received.GetValueOrDefault(signal);
                receiver._received[signal] = (requests + 1, total + bytes);
            }

            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>What arrived so far, e.g. "traces 12 requests 3.1 MB, metrics 4 requests 0.1 MB".</summary>
    public string Describe()
    {
        lock (_received)
        {
            return _received.Count == 0
                ? "nothing"
                : string.Join(", ", _received.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value.Requests} requests {r.Value.Bytes / 1e6:F1} MB"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
