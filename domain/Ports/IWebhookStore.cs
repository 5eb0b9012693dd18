namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Webhooks;

/// <summary>Webhooks, their health and their deliveries, in their owner's books (a partner's, or the vendor's).</summary>
public interface IWebhookStore
{
    /// <summary>Inserts a new webhook; <see cref="ConcurrencyConflictException"/> if the id is taken.</summary>
    Task<Versioned<Webhook>> AddAsync(Webhook webhook, CancellationToken cancellationToken = default);

    Task<Versioned<Webhook>?> GetAsync(WebhookOwner owner, string webhookId, CancellationToken cancellationToken = default);

    Task<Versioned<Webhook>> UpdateAsync(Webhook webhook, string expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes the webhook, its health and its delivery log; false when it did not exist.</summary>
    Task<bool> DeleteAsync(WebhookOwner owner, string webhookId, CancellationToken cancellationToken = default);

    Task<Page<Versioned<Webhook>>> ListAsync(WebhookOwner owner, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Every webhook of the owner (at most <see cref="Webhook.MaxPerOwner"/>), for fan-out and the limit.</summary>
    Task<IReadOnlyList<Webhook>> AllAsync(WebhookOwner owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// The owner's webhooks for fan-out: as <see cref="AllAsync"/>, but possibly as read a short, configured time ago
    /// (a change through this store is seen at once, one made elsewhere within that time).
    /// </summary>
    Task<IReadOnlyList<Webhook>> SubscribersAsync(WebhookOwner owner, CancellationToken cancellationToken = default);

    Task<Versioned<WebhookHealth>?> GetHealthAsync(WebhookOwner owner, string webhookId, CancellationToken cancellationToken = default);

    /// <summary>Saves health at <paramref name="expectedVersion"/> (insert when null).</summary>
    Task SaveHealthAsync(WebhookOwner owner, string webhookId, WebhookHealth health, string? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Inserts a delivery; when one with its id exists, answers that one (false) instead.</summary>
    Task<(Versioned<WebhookDelivery> Delivery, bool Created)> AddDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default);

    Task<Versioned<WebhookDelivery>?> GetDeliveryAsync(WebhookOwner owner, string webhookId, string deliveryId, CancellationToken cancellationToken = default);

    Task<Versioned<WebhookDelivery>> UpdateDeliveryAsync(WebhookDelivery delivery, string expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>A webhook's deliveries, newest first.</summary>
    Task<Page<Versioned<WebhookDelivery>>> ListDeliveriesAsync(WebhookOwner owner, string webhookId, PageRequest page, CancellationToken cancellationToken = default);
}
