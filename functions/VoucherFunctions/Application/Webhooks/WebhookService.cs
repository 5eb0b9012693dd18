using Microsoft.Extensions.Options;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Events;
using VoucherFunctions.Storage;
using VoucherFunctions.Webhooks;
using VoucherFunctions.Webhooks.Delivery;
using VoucherFunctions.Webhooks.Outbound;

namespace VoucherFunctions.Application.Webhooks;

/// <summary>
/// Webhook subscriptions of a partner (its own events) or of the vendor (kept by channel managers): register (the
/// signing secret is answered once and stored only encrypted), list, get, replace, delete, rotate the secret, send a
/// test event, read the delivery log and redeliver one event. Another owner's webhook is a 404. Creation and
/// rotation are idempotent by their Idempotency-Key without keeping the answer (which holds the secret): the
/// webhook id derives from the key, and a rotation remembers its key.
/// </summary>
public sealed class WebhookService(
    IWebhookStore store, WebhookUrlGuard urls, WebhookSecrets secrets, WebhookFanOut fanOut, DeliveryQueue queue, IOptions<WebhookOptions> options, OptimisticRetry retry, TimeProvider clock)
{
    /// <summary>A partner actor keeps its partner's webhooks; a channel manager (without a partner role) the vendor's.</summary>
    public static WebhookOwner OwnerOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(ActorRoles.Partners) ? WebhookOwner.Partner(actor.RequirePartnerId()) : WebhookOwner.Vendor;
    }

    public async Task<Idempotent<Versioned<CreatedWebhookDto>>> CreateAsync(Actor actor, string idempotencyKey, WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owner = OwnerOf(actor);
        var webhookId = secrets.WebhookIdFor(owner, idempotencyKey);
        var secret = WebhookSecrets.New();
        var asked = Checked(() => Webhook.Create(
            webhookId, owner, Require.Text(request.Url, "url"), Require.Field(request.EventTypes, "eventTypes"), request.Description, request.Enabled ?? true,
            secrets.Protect(webhookId, secret), actor.Id, clock.GetUtcNow()));
        await CheckUrlAsync(asked.Url, cancellationToken);

        var existing = await store.AllAsync(owner, cancellationToken);
        if (existing.Any(w => w.WebhookId == webhookId) && await store.GetAsync(owner, webhookId, cancellationToken) is { } first)
        {
            return await ReplayCreationAsync(first, asked, cancellationToken);
        }

        if (existing.Count >= Webhook.MaxPerOwner)
        {
            throw new DomainException(ErrorCodes.WebhookLimitReached, $"At most {Webhook.MaxPerOwner} webhooks: delete one, or subscribe an existing one to more event types.");
        }

        try
        {
            var created = await store.AddAsync(asked, cancellationToken);
            return Idempotent<Versioned<CreatedWebhookDto>>.First(new(new CreatedWebhookDto(secret, WebhookDto.From(created.Value, WebhookHealth.New)), created.Version));
        }
        catch (ConcurrencyConflictException)
        {
            var raced = await store.GetAsync(owner, webhookId, cancellationToken) ?? throw new ConcurrencyConflictException($"Webhook {webhookId} vanished while it was created.");
            return await ReplayCreationAsync(raced, asked, cancellationToken);
        }
    }

    public async Task<Versioned<WebhookDto>> GetAsync(Actor actor, string webhookId, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(actor);
        var webhook = await FindAsync(owner, webhookId, cancellationToken);
        return new(await DtoAsync(webhook.Value, cancellationToken), webhook.Version);
    }

    public async Task<PageDto<WebhookDto>> ListAsync(Actor actor, PageRequest page, CancellationToken cancellationToken)
    {
        var webhooks = await store.ListAsync(OwnerOf(actor), page, cancellationToken);
        var items = await Task.WhenAll(webhooks.Items.Select(w => DtoAsync(w.Value, cancellationToken)));
        return new PageDto<WebhookDto>(items, webhooks.ContinuationToken);
    }

    /// <summary>Replaces URL, event types, description and enabled at the version in If-Match (412 when stale); the secret stays.</summary>
    public async Task<Versioned<WebhookDto>> EditAsync(Actor actor, string webhookId, string version, WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owner = OwnerOf(actor);
        var stored = await FindAsync(owner, webhookId, cancellationToken);
        var edited = Checked(() => stored.Value.Edit(
            Require.Text(request.Url, "url"), Require.Field(request.EventTypes, "eventTypes"), request.Description, request.Enabled ?? true, clock.GetUtcNow()));
        await CheckUrlAsync(edited.Url, cancellationToken);
        try
        {
            var saved = await store.UpdateAsync(edited, version, cancellationToken);
            return new(await DtoAsync(saved.Value, cancellationToken), saved.Version);
        }
        catch (ConcurrencyConflictException)
        {
            throw UseCaseException.StaleVersion();
        }
    }

    public async Task DeleteAsync(Actor actor, string webhookId, CancellationToken cancellationToken)
    {
        if (!Domain.Ids.Ids.IsValid(webhookId) || !await store.DeleteAsync(OwnerOf(actor), webhookId, cancellationToken))
        {
            throw UseCaseException.NotFound("webhook");
        }
    }

    /// <summary>
    /// A new secret, answered once; the previous one keeps signing for Webhooks:SecretOverlap, so the receiver can
    /// switch without losing deliveries. A repeat with the same Idempotency-Key answers the same secret.
    /// </summary>
    public Task<Idempotent<Versioned<RotatedSecretDto>>> RotateSecretAsync(Actor actor, string webhookId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(actor);
        return retry.RunAsync(async ct =>
        {
            var stored = await FindAsync(owner, webhookId, ct);
            if (stored.Value.LastRotationKey == idempotencyKey)
            {
                return Idempotent<Versioned<RotatedSecretDto>>.Replay(new(new RotatedSecretDto(Decrypt(stored.Value), await DtoAsync(stored.Value, ct)), stored.Version));
            }

            var secret = WebhookSecrets.New();
            var rotated = stored.Value.Rotate(secrets.Protect(webhookId, secret), idempotencyKey, options.Value.SecretOverlap, clock.GetUtcNow());
            var saved = await store.UpdateAsync(rotated, stored.Version, ct);
            return Idempotent<Versioned<RotatedSecretDto>>.First(new(new RotatedSecretDto(secret, await DtoAsync(saved.Value, ct)), saved.Version));
        }, cancellationToken);
    }

    /// <summary>Sends a <c>webhook.test</c> event to this webhook only (enabled or not, subscribed or not); 202 with its delivery.</summary>
    public async Task<WebhookDeliveryDto> TestAsync(Actor actor, string webhookId, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(actor);
        var webhook = await FindAsync(owner, webhookId, cancellationToken);
        var now = clock.GetUtcNow();
        var eventId = "evt_test_" + Guid.NewGuid().ToString("N");
        var json = VoucherCloudEvents.FormatWebhookTest(eventId, owner.PartnerId, webhookId, now);
        var delivery = await fanOut.StartAsync(webhook.Value, eventId, EventTypes.WebhookTest.Name, json, now, cancellationToken);
        return WebhookDeliveryDto.From(delivery);
    }

    public async Task<PageDto<WebhookDeliveryDto>> ListDeliveriesAsync(Actor actor, string webhookId, PageRequest page, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(actor);
        _ = await FindAsync(owner, webhookId, cancellationToken);
        return (await store.ListDeliveriesAsync(owner, webhookId, page, cancellationToken)).Map(d => WebhookDeliveryDto.From(d.Value));
    }

    public async Task<WebhookDeliveryDto> GetDeliveryAsync(Actor actor, string webhookId, string deliveryId, CancellationToken cancellationToken) =>
        WebhookDeliveryDto.From((await FindDeliveryAsync(OwnerOf(actor), webhookId, deliveryId, cancellationToken)).Value);

    /// <summary>
    /// Sends the event again now, with a fresh retry window, whatever the delivery's state (also to a disabled webhook).
    /// With an Idempotency-Key a repeat starts nothing new.
    /// </summary>
    public async Task<Idempotent<WebhookDeliveryDto>> RedeliverAsync(Actor actor, string webhookId, string deliveryId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(actor);
        var (delivery, replayed) = await retry.RunAsync(async ct =>
        {
            var stored = await FindDeliveryAsync(owner, webhookId, deliveryId, ct);
            if (idempotencyKey is not null && stored.Value.LastRedeliveryKey == idempotencyKey)
            {
                return (stored.Value, true);
            }

            var saved = await store.UpdateDeliveryAsync(stored.Value.Redeliver(idempotencyKey ?? Guid.NewGuid().ToString("N"), clock.GetUtcNow()), stored.Version, ct);
            return (saved.Value, false);
        }, cancellationToken);

        // Queued after the row says pending (an earlier message would find it finished and drop); a repeat queues again while
        // it is pending, in case the first stopped in between (a second message for the same attempt is dropped).
        if (delivery.Status == WebhookDeliveryStatus.Pending)
        {
            await queue.ScheduleAsync(delivery, delivery.AttemptCount + 1, TimeSpan.Zero, cancellationToken);
        }

        return new(WebhookDeliveryDto.From(delivery), replayed);
    }

    private async Task<Idempotent<Versioned<CreatedWebhookDto>>> ReplayCreationAsync(Versioned<Webhook> first, Webhook asked, CancellationToken cancellationToken)
    {
        var stored = first.Value;
        var same = stored.Url == asked.Url && stored.EventTypes.SequenceEqual(asked.EventTypes) && stored.Description == asked.Description && stored.Enabled == asked.Enabled;
        if (!same)
        {
            throw new DomainException(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key created another webhook; use a new key for a new webhook.");
        }

        return Idempotent<Versioned<CreatedWebhookDto>>.Replay(new(new CreatedWebhookDto(Decrypt(stored), await DtoAsync(stored, cancellationToken)), first.Version));
    }

    private string Decrypt(Webhook webhook) =>
        secrets.Unprotect(webhook.WebhookId, webhook.ProtectedSecret) ?? throw new InvalidOperationException($"The secret of webhook {webhook.WebhookId} does not decrypt.");

    private async Task<WebhookDto> DtoAsync(Webhook webhook, CancellationToken cancellationToken) =>
        WebhookDto.From(webhook, (await store.GetHealthAsync(webhook.Owner, webhook.WebhookId, cancellationToken))?.Value ?? WebhookHealth.New);

    private Task<Versioned<Webhook>> FindAsync(WebhookOwner owner, string webhookId, CancellationToken cancellationToken) =>
        Require.Found(webhookId, () => store.GetAsync(owner, webhookId, cancellationToken), "webhook");

    private async Task<Versioned<WebhookDelivery>> FindDeliveryAsync(WebhookOwner owner, string webhookId, string deliveryId, CancellationToken cancellationToken)
    {
        _ = await FindAsync(owner, webhookId, cancellationToken);
        return await Require.Found(deliveryId, () => store.GetDeliveryAsync(owner, webhookId, deliveryId, cancellationToken), "delivery");
    }

    private async Task CheckUrlAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            await urls.CheckAsync(url, cancellationToken);
        }
        catch (DomainException ex)
        {
            throw UseCaseException.Rule(ex, "url");
        }
    }

    /// <summary>Runs a domain check and names the field its error is about.</summary>
    private static Webhook Checked(Func<Webhook> make)
    {
        try
        {
            return make();
        }
        catch (DomainException ex)
        {
            var field = ex.Code switch
            {
                ErrorCodes.WebhookUrlInvalid => "url",
                ErrorCodes.WebhookEventTypesInvalid => "eventTypes",
                ErrorCodes.WebhookDescriptionInvalid => "description",
                _ => null,
            };
            throw UseCaseException.Rule(ex, field);
        }
    }

}
