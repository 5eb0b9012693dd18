using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Storage.Tests.Support;
using VoucherFunctions.Storage.Webhooks;
using Xunit;

namespace VoucherFunctions.Storage.Tests;

/// <summary>
/// Fan-out's list of an owner's webhooks is read once per owner and cache time, not once per event, and a change is
/// never missed for longer than that: at once through the same store, within the cache time through another.
/// </summary>
public sealed class WebhookSubscribersTests
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_webhook_registered_through_this_store_receives_the_very_next_event()
    {
        var ledger = await Ledger.CreateAsync();
        var clock = new ManualClock();
        var store = new TableWebhookStore(ledger.Table, new DeliveryLogIndex(ledger.Table), new SubscriberCache(KeepFor, clock));
        var owner = WebhookOwner.Partner("p1");

        Assert.Empty(await store.SubscribersAsync(owner));
        await store.AddAsync(WebhookOf(owner, "w1", clock.GetUtcNow()));

        Assert.Equal(["w1"], (await store.SubscribersAsync(owner)).Select(w => w.WebhookId));
        Assert.True(await store.DeleteAsync(owner, "w1"));
        Assert.Empty(await store.SubscribersAsync(owner));
    }

    [Fact]
    public async Task A_change_made_by_another_instance_is_seen_once_the_cache_time_has_passed_and_not_read_again_before()
    {
        var ledger = await Ledger.CreateAsync();
        var clock = new ManualClock();
        var fanOutSide = new TableWebhookStore(ledger.Table, new DeliveryLogIndex(ledger.Table), new SubscriberCache(KeepFor, clock));
        var apiSide = StoreOn(ledger.Reopen());
        var owner = WebhookOwner.Partner("p1");

        Assert.Empty(await fanOutSide.SubscribersAsync(owner));
        await apiSide.AddAsync(WebhookOf(owner, "w1", clock.GetUtcNow()));

        // Within the cache time the list is not read again (the storage adapter answers what it read).
        clock.Advance(KeepFor - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await fanOutSide.SubscribersAsync(owner));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["w1"], (await fanOutSide.SubscribersAsync(owner)).Select(w => w.WebhookId));
        // Every other read of the same store is fresh.
        Assert.Single(await apiSide.AllAsync(owner));
    }

    [Fact]
    public async Task Owners_are_cached_apart_and_a_zero_cache_time_reads_every_time()
    {
        var ledger = await Ledger.CreateAsync();
        var clock = new ManualClock();
        var uncached = new TableWebhookStore(ledger.Table, new DeliveryLogIndex(ledger.Table), new SubscriberCache(TimeSpan.Zero, clock));
        var other = StoreOn(ledger.Reopen());
        var p1 = WebhookOwner.Partner("p1");
        var p2 = WebhookOwner.Partner("p2");

        Assert.Empty(await uncached.SubscribersAsync(p1));
        await other.AddAsync(WebhookOf(p1, "w1", clock.GetUtcNow()));
        await other.AddAsync(WebhookOf(p2, "w2", clock.GetUtcNow()));

        Assert.Equal(["w1"], (await uncached.SubscribersAsync(p1)).Select(w => w.WebhookId));
        Assert.Equal(["w2"], (await uncached.SubscribersAsync(p2)).Select(w => w.WebhookId));
    }

    private static TableWebhookStore StoreOn(Ledger ledger) => new(ledger.Table, new DeliveryLogIndex(ledger.Table));

    private static Webhook WebhookOf(WebhookOwner owner, string id, DateTimeOffset now) =>
        Webhook.Create(id, owner, "https://hooks.example.com/" + id, ["bill.applied"], null, enabled: true, [1, 2, 3], "tester", now);

    /// <summary>Time is the boundary faked here: the cache's expiry, without waiting 10 seconds.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
