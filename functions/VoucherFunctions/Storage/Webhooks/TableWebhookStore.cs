using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Webhooks;

namespace VoucherFunctions.Storage.Webhooks;

/// <summary>
/// Webhooks, health and deliveries on the ledger table (see <see cref="WebhookRows"/>); each new delivery enters
/// <see cref="DeliveryLogIndex"/> first. Fan-out's reads of an owner's webhooks go through
/// <paramref name="subscribers"/> (none: every read is fresh), which each change here forgets.
/// </summary>
public sealed class TableWebhookStore(LedgerTable table, DeliveryLogIndex logIndex, SubscriberCache? subscribers = null) : IWebhookStore
{
    private readonly SubscriberCache _subscribers = subscribers ?? new SubscriberCache(TimeSpan.Zero, TimeProvider.System);

    public async Task<Versioned<Webhook>> AddAsync(Webhook webhook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        try
        {
            return new(webhook, await table.AddAsync(WebhookRows.ToEntity(webhook), cancellationToken));
        }
        finally
        {
            _subscribers.Forget(webhook.Owner);
        }
    }

    public async Task<Versioned<Webhook>?> GetAsync(WebhookOwner owner, string webhookId, CancellationToken cancellationToken = default) =>
        await table.GetAsync(WebhookRows.Partition(owner), WebhookRows.Row(webhookId), cancellationToken) is { } row ? WebhookRows.ReadWebhook(row) : null;

    public async Task<Versioned<Webhook>> UpdateAsync(Webhook webhook, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        try
        {
            return new(webhook, await table.ReplaceAsync(WebhookRows.ToEntity(webhook), expectedVersion, cancellationToken));
        }
        finally
        {
            _subscribers.Forget(webhook.Owner);
        }
    }

    public async Task<bool> DeleteAsync(WebhookOwner owner, string webhookId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(owner, webhookId, cancellationToken) is null)
        {
            return false;
        }

        // The subscription first: from then on nothing new is sent to it, and a pending attempt finds no webhook and stops.
        var partition = WebhookRows.Partition(owner);
        await table.DeleteIfExistsAsync(partition, WebhookRows.Row(webhookId), cancellationToken);
        _subscribers.Forget(owner);
        await table.DeleteIfExistsAsync(partition, WebhookRows.HealthRow(webhookId), cancellationToken);
        var deliveries = await PagedQuery.ReadAllAsync(table, Filters.PrefixInPartition(partition, WebhookRows.DeliveriesOf(webhookId)), cancellationToken, ["RowKey"]);
        foreach (var batch in deliveries.Chunk(16))
        {
            await Task.WhenAll(batch.Select(row => table.DeleteIfExistsAsync(partition, row.RowKey, cancellationToken)));
        }

        return true;
    }

    public Task<Page<Versioned<Webhook>>> ListAsync(WebhookOwner owner, PageRequest page, CancellationToken cancellationToken = default) =>
        PagedQuery.ReadAsync(table, Filters.PrefixInPartition(WebhookRows.Partition(owner), WebhookRows.Prefix), page, WebhookRows.ReadWebhook, cancellationToken);

    public async Task<IReadOnlyList<Webhook>> AllAsync(WebhookOwner owner, CancellationToken cancellationToken = default) =>
        (await PagedQuery.ReadAllAsync(table, Filters.PrefixInPartition(WebhookRows.Partition(owner), WebhookRows.Prefix), cancellationToken))
            .Select(row => WebhookRows.ReadWebhook(row).Value)
            .ToList();

    public Task<IReadOnlyList<Webhook>> SubscribersAsync(WebhookOwner owner, CancellationToken cancellationToken = default) =>
        _subscribers.OfAsync(owner, () => AllAsync(owner, cancellationToken));

    public async Task<Versioned<WebhookHealth>?> GetHealthAsync(WebhookOwner owner, string webhookId, CancellationToken cancellationToken = default) =>
        await table.GetAsync(WebhookRows.Partition(owner), WebhookRows.HealthRow(webhookId), cancellationToken) is { } row ? WebhookRows.ReadHealth(row) : null;

    public Task SaveHealthAsync(WebhookOwner owner, string webhookId, WebhookHealth health, string? expectedVersion, CancellationToken cancellationToken = default) =>
        table.SaveAsync(WebhookRows.ToEntity(owner, webhookId, health), expectedVersion, cancellationToken);

    public async Task<(Versioned<WebhookDelivery> Delivery, bool Created)> AddDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        // Indexed before it exists, so the retention sweep finds every delivery (a failed add leaves an empty index entry).
        await logIndex.MarkAsync(delivery, cancellationToken);
        try
        {
            return (new(delivery, await table.AddAsync(WebhookRows.ToEntity(delivery), cancellationToken)), true);
        }
        catch (ConcurrencyConflictException)
        {
            var existing = await GetDeliveryAsync(delivery.Owner, delivery.WebhookId, delivery.DeliveryId, cancellationToken);
            return existing is null ? throw new ConcurrencyConflictException($"Delivery {delivery.DeliveryId} vanished while it was created.") : (existing, false);
        }
    }

    public async Task<Versioned<WebhookDelivery>?> GetDeliveryAsync(WebhookOwner owner, string webhookId, string deliveryId, CancellationToken cancellationToken = default) =>
        await table.GetAsync(WebhookRows.Partition(owner), WebhookRows.DeliveryRow(webhookId, deliveryId), cancellationToken) is { } row ? WebhookRows.ReadDelivery(row) : null;

    public async Task<Versioned<WebhookDelivery>> UpdateDeliveryAsync(WebhookDelivery delivery, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new(delivery, await table.ReplaceAsync(WebhookRows.ToEntity(delivery), expectedVersion, cancellationToken));
    }

    public Task<Page<Versioned<WebhookDelivery>>> ListDeliveriesAsync(WebhookOwner owner, string webhookId, PageRequest page, CancellationToken cancellationToken = default) =>
        PagedQuery.ReadAsync(table, Filters.PrefixInPartition(WebhookRows.Partition(owner), WebhookRows.DeliveriesOf(webhookId)), page, WebhookRows.ReadDelivery, cancellationToken);
}
