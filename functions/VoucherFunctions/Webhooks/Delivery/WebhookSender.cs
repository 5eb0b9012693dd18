using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Events;
using VoucherFunctions.Webhooks.Outbound;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>
/// Makes one attempt: POSTs the CloudEvent with the Standard Webhooks headers (<c>webhook-id</c> the event id,
/// <c>webhook-timestamp</c> the attempt's time, <c>webhook-signature</c> an HMAC-SHA256 "v1," signature by the
/// current secret and, during a rotation's overlap, by the previous one too) and reports what happened. Success is a
/// 2xx within <see cref="WebhookOptions.AttemptTimeout"/>; at most <see cref="MaxResponseBytes"/> of the answer are read.
/// </summary>
public sealed class WebhookSender(WebhookHttpClient http, WebhookUrlGuard urls, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const int MaxResponseBytes = 4096;
    private const int MaxErrorLength = 300;
    private const int MaxExcerptLength = 256;

    public async Task<WebhookAttempt> SendAsync(Webhook webhook, WebhookDelivery delivery, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(delivery);
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        WebhookAttempt Failed(string error, int? status = null) => new(number, started, (int)watch.ElapsedMilliseconds, status, Truncate(error, MaxErrorLength), null);

        Uri uri;
        try
        {
            uri = urls.Parse(webhook.Url);
        }
        catch (DomainException ex)
        {
            return Failed(ex.Message);
        }

        var signature = Sign(webhook, delivery, started);
        if (signature is null)
        {
            return Failed("The webhook's signing secret does not decrypt with the app's key-encryption key; rotate the secret.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(delivery.Event, Encoding.UTF8, VoucherCloudEvents.MediaType),
        };
        request.Headers.Add("webhook-id", delivery.EventId);
        request.Headers.Add("webhook-timestamp", started.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var excerpt = await ReadExcerptAsync(response, deadline.Token);
            var elapsed = (int)watch.ElapsedMilliseconds;
            if (status is >= 300 and < 400)
            {
                return new(number, started, elapsed, status, $"Redirect to '{Truncate(response.Headers.Location?.ToString() ?? "?", 200)}' not followed: answer 2xx at the registered URL.", excerpt);
            }

            return new(number, started, elapsed, status, null, excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"No answer within {options.Value.AttemptTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever the network does (refused, reset, TLS, a broken answer), the attempt fails and is recorded: an
            // exception here would leave the delivery claimed with nobody to finish it.
            return Failed(Innermost(ex) is OutboundAddressRefusedException refused ? "Refused: " + refused.Message : "Connection failed: " + Innermost(ex).Message);
        }
    }

    /// <summary>"v1,…" by the current secret, and by the previous one while it still signs; null when the current one does not decrypt.</summary>
    private string? Sign(Webhook webhook, WebhookDelivery delivery, DateTimeOffset at)
    {
        var current = secrets.Unprotect(webhook.WebhookId, webhook.ProtectedSecret);
        if (current is null)
        {
            return null;
        }

        var previous = webhook.PreviousSecretAt(at) is { } protectedPrevious ? secrets.Unprotect(webhook.WebhookId, protectedPrevious) : null;
        var signatures = new[] { current, previous }.OfType<string>().Select(secret => new StandardWebhook(secret).Sign(delivery.EventId, at, delivery.Event)).ToList();

        // StandardWebhooks 1.1.2's Verify never checks the last of several signatures (its loop tests "another space
        // follows" after moving past the current one), so a receiver verifying with that library and the previous
        // secret would refuse every delivery of the overlap. Repeating the first signature at the end makes it check
        // all the others; verifiers that read the whole list, as the specification says, just see a duplicate.
        if (signatures.Count > 1)
        {
            signatures.Add(signatures[0]);
        }

        return string.Join(' ', signatures);
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxResponseBytes];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await stream.ReadAtLeastAsync(buffer, MaxResponseBytes, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return Truncate(new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()), MaxExcerptLength);
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
