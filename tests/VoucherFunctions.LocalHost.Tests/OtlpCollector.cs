using System.Net;
using VoucherFunctions.DevStorage;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// The smallest OTLP/HTTP receiver: accepts POST /v1/traces, /v1/metrics and /v1/logs on a loopback port, answers 200
/// and remembers which signals sent a non-empty body. Enough to see that a process exports; it does not decode.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HashSet<string> _signals = new(StringComparer.Ordinal);

    public OtlpCollector()
    {
        Endpoint = $"http://127.0.0.1:{AzuriteServer.FreePort()}/";
        _listener.Prefixes.Add(Endpoint);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public bool Received(string signal)
    {
        lock (_signals)
        {
            return _signals.Contains(signal);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (body.Length > 0 && context.Request.Url?.AbsolutePath is { } path && path.StartsWith("/v1/", StringComparison.Ordinal))
            {
                lock (_signals)
                {
                    _signals.Add(path["/v1/".Length..]);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
