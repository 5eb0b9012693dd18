using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoucherFunctions.Functions.Tests.Webhooks;

/// <summary>A request the receiver got: path, the Standard Webhooks headers, content type and the exact body.</summary>
public sealed record ReceivedRequest(string Path, string? Id, string? Timestamp, string? Signature, string? ContentType, string Body, DateTimeOffset At)
{
    public HeaderDictionary Headers() => new()
    {
        ["webhook-id"] = Id,
        ["webhook-timestamp"] = Timestamp,
        ["webhook-signature"] = Signature,
    };
}

/// <summary>
/// A real webhook receiver: Kestrel on a free loopback port. Every request is recorded; what it answers (status,
/// delay, body, redirect) is decided per request by <see cref="Respond"/>, which the test sets.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>(request number from 1, path) → the answer; 200 by default.</summary>
    public Func<int, string, Answer> Respond { get; set; } = (_, _) => new Answer(200);

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public int Port => BaseAddress.Port;

    public string Url(string path = "/hook") => new Uri(BaseAddress, path).ToString();

    public IReadOnlyList<ReceivedRequest> At(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var count = 0;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var h = context.Request.Headers;
            receiver.Requests.Enqueue(new ReceivedRequest(context.Request.Path, h["webhook-id"], h["webhook-timestamp"], h["webhook-signature"], context.Request.ContentType, body, DateTimeOffset.UtcNow));
            var answer = receiver.Respond(Interlocked.Increment(ref count), context.Request.Path);
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = answer.Status;
            if (answer.Location is not null)
            {
                context.Response.Headers.Location = answer.Location;
            }

            if (answer.Body is not null)
            {
                await context.Response.WriteAsync(answer.Body, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Answer(int Status, TimeSpan Delay = default, string? Body = null, string? Location = null);
}
