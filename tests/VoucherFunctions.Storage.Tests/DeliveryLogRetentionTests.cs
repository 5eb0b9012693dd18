using Microsoft.Extensions.Logging.Abstractions;
using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Storage.Tests.Support;
using VoucherFunctions.Storage.Webhooks;

namespace VoucherFunctions.Storage.Tests;

/// <summary>
/// The webhook delivery log's retention on a real table: the sweep finds old logs through the day index and reads
/// one key range per log (the deliveries of events older than the cutoff), deletes what is finished and unchanged
/// for the retention, keeps what still has an attempt due, and two sweeps at once delete each delivery once.
/// Table timestamps are the server's, so the sweeps run at instants in the future instead of waiting a month.
/// </summary>
public sealed class DeliveryLogRetentionTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Fact]
    public async Task Finished_deliveries_leave_the_log_after_the_retention_and_one_with_an_attempt_due_stays_until_then()
    {
        var (ledger, store, sweeper) = await CreateAsync();
        var now = DateTimeOffset.UtcNow;
        var partner = WebhookOwner.Partner("p1");
        var succeeded = await AddAsync(store, partner, "wh_1", now, d => d.RecordSuccess(Attempt(now, 204)));
        var deadLettered = await AddAsync(store, partner, "wh_1", now, d => d.RecordDeadLetter(Attempt(now, 503), now));
        var waiting = await AddAsync(store, partner, "wh_1", now, d => d.RecordRetry(Attempt(now, 500), now.AddDays(40)));
        var lost = await AddAsync(store, partner, "wh_1", now, d => d); // pending, its attempt due now and never made
        var later = await AddAsync(store, partner, "wh_1", now.AddDays(2), d => d.RecordSuccess(Attempt(now, 200)));
        var other = await AddAsync(store, WebhookOwner.Partner("p2"), "wh_2", now, d => d.RecordSuccess(Attempt(now, 200)));
        var vendor = await AddAsync(store, WebhookOwner.Vendor, "wh_3", now, d => d.RecordSuccess(Attempt(now, 200)));

        var early = await sweeper.SweepAsync(Retention, now.AddDays(29), default);
        Assert.Equal(new DeliveryLogSweepResult(0, 0, 0, 0, 0), early);

        var swept = await sweeper.SweepAsync(Retention, now.AddDays(31), default);

        // Three logs due; of wh_1 only the events before the cutoff were read (not the one two days later).
        Assert.Equal(new DeliveryLogSweepResult(3, 6, 5, 1, 0), swept);
        Assert.Null(await store.GetDeliveryAsync(partner, "wh_1", succeeded.DeliveryId));
        Assert.Null(await store.GetDeliveryAsync(partner, "wh_1", deadLettered.DeliveryId));
        Assert.Null(await store.GetDeliveryAsync(partner, "wh_1", lost.DeliveryId));
        Assert.Null(await store.GetDeliveryAsync(WebhookOwner.Partner("p2"), "wh_2", other.DeliveryId));
        Assert.Null(await store.GetDeliveryAsync(WebhookOwner.Vendor, "wh_3", vendor.DeliveryId));
        Assert.NotNull(await store.GetDeliveryAsync(partner, "wh_1", waiting.DeliveryId));
        Assert.NotNull(await store.GetDeliveryAsync(partner, "wh_1", later.DeliveryId));

        // The later event's day comes when it is past the retention; the waiting delivery is kept until its attempt is.
        Assert.Equal(new DeliveryLogSweepResult(1, 2, 1, 1, 0), await sweeper.SweepAsync(Retention, now.AddDays(33), default));
        Assert.Null(await store.GetDeliveryAsync(partner, "wh_1", later.DeliveryId));
        Assert.Equal(new DeliveryLogSweepResult(1, 1, 1, 0, 0), await sweeper.SweepAsync(Retention, now.AddDays(71), default));
        Assert.Empty(await LogAsync(store, partner, "wh_1"));
        Assert.Empty(await IndexRowsAsync(ledger));
    }

    [Fact]
    public async Task A_delivery_changed_within_the_retention_is_kept_and_its_log_looked_at_again_later()
    {
        var (ledger, store, sweeper) = await CreateAsync();
        var now = DateTimeOffset.UtcNow;
        var partner = WebhookOwner.Partner("p1");
        // An event of 40 days ago delivered (or redelivered) now: old by its id, recent by its last change.
        var redelivered = await AddAsync(store, partner, "wh_1", now.AddDays(-40), d => d.RecordSuccess(Attempt(now, 200)));
        var oldDay = DeliveryLogIndex.DayOf(now.AddDays(-40));
        await ledger.Table.UpsertIndexRowAsync(DeliveryLogIndex.Entity(oldDay, Keys.Partner("p1"), "wh_1"), default);

        var swept = await sweeper.SweepAsync(Retention, now, default);

        Assert.Equal(new DeliveryLogSweepResult(1, 1, 0, 1, 0), swept);
        Assert.NotNull(await store.GetDeliveryAsync(partner, "wh_1", redelivered.DeliveryId));
        Assert.Equal([DeliveryLogIndex.DayOf(now)], (await IndexRowsAsync(ledger)).Select(DayOfRow));

        Assert.Equal(1, (await sweeper.SweepAsync(Retention, now.AddDays(31), default)).Deleted);
        Assert.Null(await store.GetDeliveryAsync(partner, "wh_1", redelivered.DeliveryId));
    }

    [Fact]
    public async Task Two_sweeps_at_once_delete_each_old_delivery_once_and_leave_nothing()
    {
        var (ledger, store, sweeper) = await CreateAsync();
        var now = DateTimeOffset.UtcNow;
        var partner = WebhookOwner.Partner("p1");
        for (var i = 0; i < 250; i++)
        {
            await AddAsync(store, partner, "wh_1", now.AddMilliseconds(-i), d => d.RecordSuccess(Attempt(now, 200)));
        }

        var other = new DeliveryLogSweeper(ledger.Table, new DeliveryLogIndex(ledger.Table), TimeProvider.System, NullLogger<DeliveryLogSweeper>.Instance);
        var results = await Task.WhenAll(sweeper.SweepAsync(Retention, now.AddDays(31), default), other.SweepAsync(Retention, now.AddDays(31), default));

        Assert.Equal(250, results.Sum(r => r.Deleted));
        Assert.All(results, r => Assert.Equal(0, r.Failed));
        Assert.Empty(await LogAsync(store, partner, "wh_1"));
        // A sweep that lost a race marked the log again for the day it ran: that costs one empty read a month later.
        Assert.Equal(0, (await sweeper.SweepAsync(Retention, now.AddDays(62), default)).Read);
        Assert.Empty(await IndexRowsAsync(ledger));
    }

    private static async Task<(Ledger Ledger, TableWebhookStore Store, DeliveryLogSweeper Sweeper)> CreateAsync()
    {
        var ledger = await Ledger.CreateAsync();
        var index = new DeliveryLogIndex(ledger.Table);
        return (ledger, new TableWebhookStore(ledger.Table, index), new DeliveryLogSweeper(ledger.Table, index, TimeProvider.System, NullLogger<DeliveryLogSweeper>.Instance));
    }

    /// <summary>A delivery of a new event at <paramref name="eventTime"/>, created now, then brought to a state.</summary>
    private static async Task<WebhookDelivery> AddAsync(TableWebhookStore store, WebhookOwner owner, string webhookId, DateTimeOffset eventTime, Func<WebhookDelivery, WebhookDelivery> then)
    {
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var delivery = WebhookDelivery.New(DeliveryIds.For(webhookId, eventId, eventTime), owner, webhookId, eventId, "bill.applied", "{}", DateTimeOffset.UtcNow);
        var (added, _) = await store.AddDeliveryAsync(delivery);
        var changed = then(added.Value);
        return ReferenceEquals(changed, added.Value) ? changed : (await store.UpdateDeliveryAsync(changed, added.Version)).Value;
    }

    private static WebhookAttempt Attempt(DateTimeOffset at, int status) => new(1, at, 12, status, null, null);

    private static async Task<IReadOnlyList<WebhookDelivery>> LogAsync(TableWebhookStore store, WebhookOwner owner, string webhookId) =>
        (await store.ListDeliveriesAsync(owner, webhookId, Domain.Ports.PageRequest.First())).Items.Select(d => d.Value).ToList();

    private static Task<List<Azure.Data.Tables.TableEntity>> IndexRowsAsync(Ledger ledger) =>
        PagedQuery.ReadAllAsync(ledger.Table, Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryLogIndex.Partition}"), default);

    private static long DayOfRow(Azure.Data.Tables.TableEntity row) => long.Parse(row.RowKey[..19], System.Globalization.CultureInfo.InvariantCulture);
}
