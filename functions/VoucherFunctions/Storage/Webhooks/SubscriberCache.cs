using System.Collections.Concurrent;
using VoucherFunctions.Domain.Webhooks;

namespace VoucherFunctions.Storage.Webhooks;

/// <summary>
/// The webhooks of each owner as last read, kept for <see cref="KeepFor"/>: fan-out asks for them on every committed
/// event (one or more per bill), and most partners have none, so without it each bill would pay one more storage
/// query for an empty answer. <see cref="Forget"/> after a change through this process makes the next read fresh;
/// a change made on another instance is seen within <see cref="KeepFor"/>.
/// </summary>
public sealed class SubscriberCache(TimeSpan keepFor, TimeProvider clock)
{
    private readonly ConcurrentDictionary<WebhookOwner, Entry> _entries = new();

    // Bumped by Forget: a read that started before a change must not keep what it read.
    private readonly ConcurrentDictionary<WebhookOwner, long> _generations = new();

    public TimeSpan KeepFor => keepFor;

    public async Task<IReadOnlyList<Webhook>> OfAsync(WebhookOwner owner, Func<Task<IReadOnlyList<Webhook>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(owner, out var entry) && now - entry.ReadAt < keepFor)
        {
            return entry.Webhooks;
        }

        var generation = _generations.GetValueOrDefault(owner);
        var webhooks = await read();
        if (keepFor > TimeSpan.Zero && _generations.GetValueOrDefault(owner) == generation)
        {
            _entries[owner] = new Entry(webhooks, now);
        }

        return webhooks;
    }

    public void Forget(WebhookOwner owner)
    {
        _generations.AddOrUpdate(owner, 1, (_, g) => g + 1);
        _entries.TryRemove(owner, out _);
    }

    private sealed record Entry(IReadOnlyList<Webhook> Webhooks, DateTimeOffset ReadAt);
}
