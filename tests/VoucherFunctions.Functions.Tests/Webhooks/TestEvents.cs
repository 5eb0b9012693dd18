using System.Net;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using VoucherFunctions.Events;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Webhooks;

/// <summary>
/// Events as the outbox dispatcher puts them on voucher-events (one CloudEvents 1.0 structured JSON document each,
/// with the partnerid extension), made with the CloudEvents SDK, and waits on the app's delivery log.
/// </summary>
public static class TestEvents
{
    public static string CloudEvent(string type, string partnerId, object data, string? id = null, DateTimeOffset? time = null)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [VoucherCloudEvents.PartnerIdAttribute])
        {
            Id = id ?? "evt-" + Guid.NewGuid().ToString("N"),
            Type = type,
            Source = new Uri("/partners/" + partnerId, UriKind.Relative),
            Subject = "/vouchers/v-1",
            Time = time ?? DateTimeOffset.UtcNow,
            DataContentType = "application/json",
            Data = data,
        };
        cloudEvent[VoucherCloudEvents.PartnerIdAttribute] = partnerId;
        var formatter = new JsonEventFormatter(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);
        return Encoding.UTF8.GetString(formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }

    public static string IdOf(string cloudEvent) => JsonDocument.Parse(cloudEvent).RootElement.Str("id");

    /// <summary>Registers a webhook; returns (id, secret).</summary>
    public static async Task<(string Id, string Secret)> RegisterAsync(this ApiClient client, string url, params string[] eventTypes)
    {
        var created = await client.PostAsync("/api/webhooks", new { url, eventTypes, description = "test receiver" }).Json(HttpStatusCode.Created);
        return (created.GetProperty("webhook").Str("webhookId"), created.Str("secret"));
    }

    public static async Task<JsonElement[]> DeliveriesAsync(this ApiClient client, string webhookId) =>
        (await client.GetAsync($"/api/webhooks/{webhookId}/deliveries").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();

    /// <summary>Waits (up to <paramref name="seconds"/>) until the webhook's log has a delivery that satisfies <paramref name="done"/>.</summary>
    public static async Task<JsonElement> DeliveryAsync(this ApiClient client, string webhookId, Func<JsonElement, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var deliveries = await client.DeliveriesAsync(webhookId);
            if (deliveries.FirstOrDefault(done) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No delivery of {webhookId} reached the expected state within {seconds} s: {string.Join(", ", deliveries.Select(d => d.ToString()))}");
            }

            await Task.Delay(100);
        }
    }

    public static bool Is(this JsonElement delivery, string status) => delivery.Str("status") == status;

    public static int?[] Statuses(this JsonElement delivery) =>
        delivery.GetProperty("attempts").EnumerateArray().Select(a => a.TryGetProperty("statusCode", out var s) ? s.GetInt32() : (int?)null).ToArray();
}

public static class ApiClientDeletes
{
    public static Task<HttpResponseMessage> DeleteAsync(this ApiClient client, string path) => client.SendJsonAsync(HttpMethod.Delete, path, null);
}
