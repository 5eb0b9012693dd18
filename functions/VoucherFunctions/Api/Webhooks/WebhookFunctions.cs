using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Webhooks;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.Idempotency;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.Webhooks;

/// <summary>
/// Webhook subscriptions: a partner's receive its own events; a channel manager's (vendor-level) receive every
/// partner's vendor events. Deliveries are signed per Standard Webhooks (README "Webhooks").
/// </summary>
public sealed class WebhookFunctions(ApiRunner api, WebhookService webhooks)
{
    private const string Tag = "Webhooks";
    private const ActorRoles Keepers = ActorRoles.Partners | ActorRoles.ChannelManager;
    private const string KeyNeeded = "Needs an Idempotency-Key header: ";

    [Function("CreateWebhook")]
    [ApiOperation(Tag, "Register a webhook; answers its signing secret once", Keepers,
        Request = typeof(WebhookRequest), Response = typeof(CreatedWebhookDto), SuccessStatus = 201, ReturnsETag = true,
        Description = KeyNeeded + "the webhook id derives from it, so a repeat answers the first registration again (201, Idempotent-Replayed) and the same key " +
            "with another registration is refused (422 idempotency.key_reused). The secret is stored encrypted and never listed. The URL must be https and " +
            "resolve only to public addresses (422 webhook.url_refused for loopback, private, link-local or metadata addresses). A partner's webhook receives " +
            "its own events only; a channel manager's receives application.submitted, application.overdue and voucher.issued (Type I) of every partner. At most 20 per owner.")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
        {
            var created = await webhooks.CreateAsync(call.Principal, IdempotencyGate.KeyOf(call.Request), await call.BodyAsync<WebhookRequest>(), call.Cancellation);
            return FirstWithETag(ApiResponse.Created(created.Value.Value, Location(created.Value.Value.Webhook.WebhookId)), created);
        });

    [Function("ListWebhooks")]
    [ApiOperation(Tag, "List the caller's webhooks (never their secrets)", Keepers, Response = typeof(PageDto<WebhookDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await webhooks.ListAsync(call.Principal, call.Page(), call.Cancellation)));

    [Function("GetWebhook")]
    [ApiOperation(Tag, "Get one webhook with its health (and its ETag)", Keepers, Response = typeof(WebhookDto), ReturnsETag = true)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{webhookId}")] HttpRequest request, string webhookId) =>
        api.RunAsync(this, request, async call => WithETag(await webhooks.GetAsync(call.Principal, webhookId, call.Cancellation)));

    [Function("EditWebhook")]
    [ApiOperation(Tag, "Replace a webhook's URL, event types, description and enabled", Keepers,
        Request = typeof(WebhookRequest), Response = typeof(WebhookDto), RequiresIfMatch = true, ReturnsETag = true,
        Description = "Needs If-Match with the ETag last read (412 precondition.failed when stale). The URL is checked as at registration. The secret is unchanged.")]
    public Task<IActionResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "webhooks/{webhookId}")] HttpRequest request, string webhookId) =>
        api.RunAsync(this, request, async call =>
        {
            var version = ETags.ToVersion(call.IfMatch());
            return WithETag(await webhooks.EditAsync(call.Principal, webhookId, version, await call.BodyAsync<WebhookRequest>(), call.Cancellation));
        });

    [Function("DeleteWebhook")]
    [ApiOperation(Tag, "Delete a webhook and its delivery log", Keepers, SuccessStatus = 204, Description = "Pending retries stop. 404 when the caller has no such webhook.")]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{webhookId}")] HttpRequest request, string webhookId) =>
        api.RunAsync(this, request, async call =>
        {
            await webhooks.DeleteAsync(call.Principal, webhookId, call.Cancellation);
            return new ApiResponse(StatusCodes.Status204NoContent, null);
        });

    [Function("RotateWebhookSecret")]
    [ApiOperation(Tag, "Rotate a webhook's signing secret; answers the new one once", Keepers, Response = typeof(RotatedSecretDto),
        Description = KeyNeeded + "a repeat with the same key answers the same new secret (Idempotent-Replayed). For Webhooks:SecretOverlap (default 24 h) deliveries carry " +
            "signatures by both the new and the previous secret, so a receiver that still verifies with the old one keeps accepting them.")]
    public Task<IActionResult> Rotate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{webhookId}/rotate-secret")] HttpRequest request, string webhookId) =>
        api.RunAsync(this, request, async call =>
        {
            var rotated = await webhooks.RotateSecretAsync(call.Principal, webhookId, IdempotencyGate.KeyOf(call.Request), call.Cancellation);
            return FirstWithETag(ApiResponse.Ok(rotated.Value.Value), rotated);
        });

    [Function("TestWebhook")]
    [ApiOperation(Tag, "Send a webhook.test event to this webhook", Keepers, Response = typeof(WebhookDeliveryDto), SuccessStatus = 202,
        Description = "Goes to this webhook only, enabled or not, signed and retried like any event; follow the delivery at Location.")]
    public Task<IActionResult> Test([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{webhookId}/test")] HttpRequest request, string webhookId) =>
        api.RunAsync(this, request, async call => Accepted(await webhooks.TestAsync(call.Principal, webhookId, call.Cancellation)));

    [Function("ListWebhookDeliveries")]
    [ApiOperation(Tag, "The webhook's delivery log, newest first: attempts, status codes, next retry", Keepers, Response = typeof(PageDto<WebhookDeliveryDto>))]
    public Task<IActionResult> ListDeliveries([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{webhookId}/deliveries")] HttpRequest request, string webhookId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await webhooks.ListDeliveriesAsync(call.Principal, webhookId, call.Page(), call.Cancellation)));

    [Function("GetWebhookDelivery")]
    [ApiOperation(Tag, "One delivery with its attempts", Keepers, Response = typeof(WebhookDeliveryDto))]
    public Task<IActionResult> GetDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{webhookId}/deliveries/{deliveryId}")] HttpRequest request, string webhookId, string deliveryId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await webhooks.GetDeliveryAsync(call.Principal, webhookId, deliveryId, call.Cancellation)));

    [Function("RedeliverWebhookEvent")]
    [ApiOperation(Tag, "Send one delivery's event again now", Keepers, Response = typeof(WebhookDeliveryDto), SuccessStatus = 202,
        Description = "Whatever its state (delivered, dead-lettered, still retrying): a new run of attempts with a fresh retry window, the same webhook-id, so the " +
            "receiver can tell it is the same event. With an Idempotency-Key header a repeat starts nothing new (Idempotent-Replayed).")]
    public Task<IActionResult> Redeliver(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{webhookId}/deliveries/{deliveryId}/redeliver")] HttpRequest request, string webhookId, string deliveryId) =>
        api.RunAsync(this, request, async call =>
        {
            var redelivered = await webhooks.RedeliverAsync(call.Principal, webhookId, deliveryId, IdempotencyGate.OptionalKeyOf(call.Request), call.Cancellation);
            return Accepted(redelivered.Value).ReplayedWhen(redelivered.Replayed);
        });

    private static ApiResponse WithETag(Versioned<WebhookDto> webhook) => ApiResponse.Ok(webhook.Value).WithHeader("ETag", ETags.From(webhook.Version));

    /// <summary>The first answer carries the new version's ETag; a repeat answers the first result, marked as a replay.</summary>
    private static ApiResponse FirstWithETag<T>(ApiResponse response, Idempotent<Versioned<T>> result) =>
        result.Replayed ? response.ReplayedWhen(true) : response.WithHeader("ETag", ETags.From(result.Value.Version));

    /// <summary>202 with the delivery to follow at Location.</summary>
    private static ApiResponse Accepted(WebhookDeliveryDto delivery) =>
        new ApiResponse(StatusCodes.Status202Accepted, delivery).WithHeader("Location", $"{Location(delivery.WebhookId)}/deliveries/{delivery.DeliveryId}");

    private static string Location(string webhookId) => "/api/webhooks/" + webhookId;
}
