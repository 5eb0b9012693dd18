using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Events;
using VoucherFunctions.Storage.Expiry;
using VoucherFunctions.Storage.Outbox;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

/// <summary>
/// The outbox on a real table and a real queue: events commit with their change or not at all, are published after
/// the commit, and whatever a fault between the two steps left is published by the sweep, with the same ids.
/// </summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task A_committed_change_puts_each_of_its_events_on_the_queue_once_and_leaves_no_outbox_row()
    {
        var ledger = await Ledger.CreateAsync();

        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).AddVoucher(TestVouchers.Voucher("p1", "v2")).CommitAsync();

        var events = await DrainAsync(ledger.EventQueue);
        Assert.Equal(
            new[] { "v1", "v2" }.Select(id => EventIds.For(EventTypes.VoucherIssued, "p1", id)).Order(),
            events.Select(e => e.Id).Order());
        Assert.All(events, e => Assert.Equal(("voucher.issued", "p1"), (e.Type, VoucherCloudEvents.PartnerIdOf(e))));
        await ledger.Outbox.FlushAsync();
        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
    }

    [Fact]
    public async Task A_published_rows_delete_rides_in_the_partitions_next_transaction()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();
        var first = Assert.Single(await OutboxRowsAsync(ledger, "p1"));

        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v2")).CommitAsync();

        // No request of its own: the second commit deleted the first row; its own row waits for the next.
        Assert.Equal(1, ledger.Outbox.DeletesInTransactions);
        var second = Assert.Single(await OutboxRowsAsync(ledger, "p1"));
        Assert.NotEqual(first.RowKey, second.RowKey);
        Assert.Equal(2, (await DrainAsync(ledger.EventQueue)).Count);
    }

    [Fact]
    public async Task Published_rows_no_transaction_takes_are_deleted_within_the_flush_delay()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();
        await ledger.Commits.Begin("p2").AddVoucher(TestVouchers.Voucher("p2", "v1")).CommitAsync();

        await Eventually.TrueAsync(async () => (await OutboxRowsAsync(ledger, "p1")).Count + (await OutboxRowsAsync(ledger, "p2")).Count == 0, EventOutbox.DeleteWithin * 3);

        Assert.Equal(0, ledger.Outbox.DeletesInTransactions);
        Assert.True(EventOutbox.DeleteWithin < OutboxSweeper.Settle / 4, "Rows are deleted well before the sweep would publish them again.");
    }

    [Fact]
    public async Task A_disposed_outbox_runs_no_delayed_flush_afterwards_and_leaves_what_is_left_to_the_sweep()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();
        var published = Assert.Single(await OutboxRowsAsync(ledger, "p1"));

        // As a container disposed synchronously does: no flush, and the delayed one scheduled by the commit is stopped
        // (it would otherwise run against storage the stopped host no longer owns).
        ledger.Outbox.Dispose();
        await Task.Delay(EventOutbox.DeleteWithin * 2);

        Assert.Equal(published.RowKey, Assert.Single(await OutboxRowsAsync(ledger, "p1")).RowKey);
    }

    [Fact]
    public async Task An_outbox_disposed_asynchronously_deletes_its_published_rows_at_once()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();
        Assert.Single(await OutboxRowsAsync(ledger, "p1"));

        await ledger.Outbox.DisposeAsync();

        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
    }

    [Fact]
    public async Task A_delete_the_sweep_did_first_does_not_fail_the_change_it_rode_with()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();
        var first = Assert.Single(await OutboxRowsAsync(ledger, "p1"));
        // The sweep (or another process) removed it meanwhile: a delete of it would fail a whole transaction.
        await ledger.Table.DeleteIfExistsAsync(first.PartitionKey, first.RowKey, default);

        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v2")).CommitAsync();

        Assert.NotNull(await ledger.Vouchers.GetAsync("p1", "v2"));
        Assert.Equal(0, ledger.Outbox.DeletesInTransactions);
        Assert.Equal(
            new[] { "v1", "v2" }.Select(id => EventIds.For(EventTypes.VoucherIssued, "p1", id)).Order(),
            (await DrainAsync(ledger.EventQueue)).Select(e => e.Id).Order());
        await ledger.Outbox.FlushAsync();
        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
    }

    [Fact]
    public async Task A_transaction_carries_only_the_deletes_it_has_room_for_within_100_operations()
    {
        var ledger = await Ledger.CreateAsync();
        IPartnerCommit Full(string prefix)
        {
            // 49 vouchers (row and id pointer each) and the outbox row: 99 operations.
            var commit = ledger.Commits.Begin("p1");
            foreach (var i in Enumerable.Range(0, 49))
            {
                commit.AddVoucher(TestVouchers.Voucher("p1", $"{prefix}{i}"));
            }

            return commit;
        }

        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "a1")).CommitAsync();

        // 100 operations with an idempotency record: no room, both rows wait.
        var hundred = Full("h").AddIdempotency(new IdempotencyRecord("p1", "issue-vouchers", "key-1", "hash", 201, "{}", TestVouchers.T0));
        Assert.Equal(100, hundred.Count);
        await hundred.CommitAsync();
        Assert.Equal(0, ledger.Outbox.DeletesInTransactions);

        // 99 operations: room for one of the two.
        var ninetyNine = Full("n");
        Assert.Equal(99, ninetyNine.Count);
        await ninetyNine.CommitAsync();

        Assert.Equal(1, ledger.Outbox.DeletesInTransactions);
        Assert.Equal(2, (await OutboxRowsAsync(ledger, "p1")).Count);
        Assert.Equal(99, (await DrainAsync(ledger.EventQueue)).Count);
        await ledger.Outbox.FlushAsync();
        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
    }

    [Fact]
    public async Task A_crash_after_the_publish_before_the_delete_means_the_sweep_publishes_again_with_the_same_ids()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();
        var before = Assert.Single(await DrainAsync(ledger.EventQueue));

        // The process stops with the delete still to do: a new one (nothing remembered) never knew of it.
        var restarted = ledger.Reopen();
        var sweeper = new OutboxSweeper(restarted.Table, restarted.Outbox, TimeProvider.System, NullLogger<OutboxSweeper>.Instance);
        Assert.Equal(1, (await sweeper.SweepAsync(DateTimeOffset.UtcNow.AddMinutes(3), default)).Published);

        Assert.Equal(before.Id, Assert.Single(await DrainAsync(ledger.EventQueue)).Id);
        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
    }

    [Fact]
    public async Task A_failed_transaction_commits_no_event_and_sends_none()
    {
        var ledger = await Ledger.CreateAsync();
        var stored = await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1"));
        await DrainAsync(ledger.EventQueue);
        await ledger.Vouchers.UpdateAsync(stored, stored.Value with { Name = "first" });

        // A stale version: the whole transaction, its outbox row included, applies nothing.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ledger.Commits.Begin("p1").UpdateVoucher(stored, stored.Value.Withdraw(TestVouchers.T0.AddDays(1))).CommitAsync());

        Assert.Empty(await DrainAsync(ledger.EventQueue));
        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
        Assert.Equal("first", (await ledger.Vouchers.GetAsync("p1", "v1"))!.Value.Name);
    }

    [Fact]
    public async Task A_crash_between_commit_and_send_is_repaired_by_the_sweep_and_a_second_sweep_sends_nothing()
    {
        var ledger = await Ledger.CreateAsync();
        var crashing = Ledger.OutboxOn(ledger.Table, new Faulty(null));
        var commits = new TablePartnerCommitFactory(ledger.Table, crashing, ledger.ExpiryIndex);

        await commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();

        Assert.NotNull(await ledger.Vouchers.GetAsync("p1", "v1"));
        Assert.Empty(await DrainAsync(ledger.EventQueue));
        Assert.Single(await OutboxRowsAsync(ledger, "p1"));

        // Not yet: the writer's own publish might still be under way.
        var sweeper = new OutboxSweeper(ledger.Table, ledger.Outbox, TimeProvider.System, NullLogger<OutboxSweeper>.Instance);
        Assert.Equal(0, (await sweeper.SweepAsync(DateTimeOffset.UtcNow, default)).Published);
        Assert.Equal(1, (await sweeper.SweepAsync(DateTimeOffset.UtcNow.AddMinutes(3), default)).Published);
        Assert.Equal(0, (await sweeper.SweepAsync(DateTimeOffset.UtcNow.AddMinutes(4), default)).IndexRows);

        var sent = Assert.Single(await DrainAsync(ledger.EventQueue));
        Assert.Equal(EventIds.For(EventTypes.VoucherIssued, "p1", "v1"), sent.Id);
        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
    }

    [Fact]
    public async Task A_send_repeated_after_a_fault_before_the_delete_carries_the_same_id()
    {
        var ledger = await Ledger.CreateAsync();
        var publisher = new QueueEventPublisher(ledger.Queues, ledger.EventQueue.Name);
        var commits = new TablePartnerCommitFactory(ledger.Table, Ledger.OutboxOn(ledger.Table, new Faulty(publisher)), ledger.ExpiryIndex);

        await commits.Begin("p1").AddVoucher(TestVouchers.Voucher("p1", "v1")).CommitAsync();
        await new OutboxSweeper(ledger.Table, ledger.Outbox, TimeProvider.System, NullLogger<OutboxSweeper>.Instance).SweepAsync(DateTimeOffset.UtcNow.AddMinutes(3), default);

        var sent = await DrainAsync(ledger.EventQueue);
        Assert.Equal(2, sent.Count);
        Assert.Single(sent.Select(e => e.Id).Distinct());
        Assert.Empty(await OutboxRowsAsync(ledger, "p1"));
    }

    [Fact]
    public async Task New_vouchers_enter_the_expiry_index_before_their_commit()
    {
        var ledger = await Ledger.CreateAsync();
        var voucher = TestVouchers.Voucher("p1", "v1");

        await ledger.Commits.Begin("p1").AddVoucher(voucher).CommitAsync();

        var row = await ledger.Table.GetAsync(ExpiryIndex.Partition, ExpiryIndex.RowKey(ExpiryIndex.NoticeStage, voucher.ExpiresAt, Keys.Partner("p1"), "v1"), default);
        Assert.Equal(("p1", "v1"), (row!.GetString("PartnerId"), row.GetString("VoucherId")));
    }

    private static async Task<List<CloudNative.CloudEvents.CloudEvent>> DrainAsync(QueueClient queue)
    {
        var events = new List<CloudNative.CloudEvents.CloudEvent>();
        if (!await queue.ExistsAsync())
        {
            return events;
        }

        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return events;
            }

            foreach (var message in messages)
            {
                events.Add(VoucherCloudEvents.Parse(message.Body));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    private static Task<List<Azure.Data.Tables.TableEntity>> OutboxRowsAsync(Ledger ledger, string partnerId) =>
        PagedQuery.ReadAllAsync(ledger.Table, Filters.PrefixInPartition(Keys.Partner(partnerId), "outbox|"), default);

    /// <summary>Fails the step after the commit: before sending anything (<c>inner</c> null), or after sending, before the row is deleted.</summary>
    private sealed class Faulty(IEventPublisher? inner) : IEventPublisher
    {
        public async Task PublishAsync(IReadOnlyList<string> cloudEvents, CancellationToken cancellationToken)
        {
            if (inner is not null)
            {
                await inner.PublishAsync(cloudEvents, cancellationToken);
            }

            throw new IOException("Injected fault between commit and send.");
        }
    }
}
