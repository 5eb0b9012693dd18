using Azure.Data.Tables;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

/// <summary>The payer-keyed voucher layout: what each access path reads, and the move of old-layout rows.</summary>
public class VoucherLayoutTests
{
    [Fact]
    public async Task A_customer_with_a_long_history_keeps_one_live_voucher_in_the_range_a_bill_reads()
    {
        var ledger = await Ledger.CreateAsync();
        var history = new List<Voucher>();
        for (var i = 0; i < 40; i++)
        {
            // Years of history: expired long ago, exhausted, withdrawn.
            history.Add(TestVouchers.Voucher("p1", $"old{i:D2}", uin: "c1") with { ExpiresAt = TestVouchers.T0.AddDays(-400 + i) });
            history.Add(TestVouchers.Voucher("p1", $"used{i:D2}", uin: "c1") with { Balance = TestVouchers.Usd(0), Status = VoucherStatus.Exhausted });
        }

        history.Add(TestVouchers.Voucher("p1", "gone", uin: "c1") with { Balance = TestVouchers.Usd(0), WithdrawnAmount = TestVouchers.Usd(100_00000000), Status = VoucherStatus.Withdrawn });
        history.AddRange(Enumerable.Range(0, 40).Select(i => TestVouchers.Voucher("p1", $"other{i:D2}", uin: $"c{2 + (i % 4)}")));
        foreach (var chunk in history.Chunk(40))
        {
            var commit = ledger.Commits.Begin("p1");
            foreach (var v in chunk)
            {
                commit.AddVoucher(v);
            }

            await commit.CommitAsync();
        }

        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "live", uin: "c1", amount: 10));
        var bill = Make.Bill("p1", "b1", "c1", 25);

        // The rows of c1's live Type III range from the bill time on: the one voucher that can pay.
        var live = VoucherKeys.LifePrefix(VoucherType.TypeIII, "c1", VoucherKeys.Live);
        Assert.Equal(["live"], await RowsAsync(ledger, VoucherKeys.ValidAfter(live, bill.BillTime), Keys.PrefixEnd(live)));

        var result = await ledger.Deduction().ApplyAsync(bill);
        Assert.Equal(10, Assert.IsType<BillCommitResult.Applied>(result).Outcome.TotalAllocated.MinorUnits);

        // Exhausted by the bill, it left the live range; its id still finds it, and the customer's list still shows it.
        Assert.Empty(await RowsAsync(ledger, live, Keys.PrefixEnd(live)).ContinueWith(t => t.Result.Where(id => !id.StartsWith("old", StringComparison.Ordinal)).ToArray()));
        var read = (await ledger.Vouchers.GetAsync("p1", "live"))!;
        Assert.Equal((VoucherStatus.Exhausted, 0L), (read.Value.Status, read.Value.Balance.MinorUnits));
        var c1 = await ReadAllAsync(ledger, new VoucherQuery("p1") { Type = VoucherType.TypeIII, CustomerUin = "c1" });
        Assert.Equal(82, c1.Count);
        var exhausted = await ReadAllAsync(ledger, new VoucherQuery("p1") { Type = VoucherType.TypeIII, CustomerUin = "c1", Status = VoucherStatus.Exhausted });
        Assert.Equal(41, exhausted.Count);
        Assert.Contains(exhausted, v => v.VoucherId == "live");
    }

    [Fact]
    public async Task A_stale_writer_loses_to_a_writer_that_moved_the_voucher_and_nothing_is_duplicated()
    {
        for (var round = 0; round < 20; round++)
        {
            var ledger = await Ledger.CreateAsync();
            var added = await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", amount: 5));

            // Two writers from the same read, at once: one exhausts it (a move), one renames it (in place).
            var exhaust = Task.Run(() => ledger.Vouchers.UpdateAsync(added, added.Value with { Balance = TestVouchers.Usd(0), Status = VoucherStatus.Exhausted }));
            var rename = Task.Run(() => ledger.Vouchers.UpdateAsync(added, added.Value with { Name = "renamed" }));
            var outcomes = await Task.WhenAll(Settle(exhaust), Settle(rename));

            Assert.Equal(1, outcomes.Count(ok => ok));
            var rows = await RowsAsync(ledger, VoucherKeys.Prefix, Keys.PrefixEnd(VoucherKeys.Prefix));
            Assert.Equal(["v1"], rows);
            var read = (await ledger.Vouchers.GetAsync("p1", "v1"))!.Value;
            Assert.True(outcomes[0] ? read.Status == VoucherStatus.Exhausted && read.Name == added.Value.Name : read.Status == VoucherStatus.Active && read.Name == "renamed");
        }
    }

    [Fact]
    public async Task An_id_stays_unique_across_ranges()
    {
        var ledger = await Ledger.CreateAsync();
        var added = await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", amount: 5));
        await ledger.Vouchers.UpdateAsync(added, added.Value with { Balance = TestVouchers.Usd(0), Status = VoucherStatus.Exhausted });

        // Issued again with the same (deterministic) id but another expiry, i.e. another row key: still refused.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1") with { ExpiresAt = TestVouchers.T0.AddDays(90) }));
    }

    [Fact]
    public async Task Old_layout_vouchers_are_moved_on_first_use_and_keep_paying_listing_and_refusing_stale_writes()
    {
        var ledger = await Ledger.CreateAsync();
        var vouchers = Enumerable.Range(0, 120).Select(i => TestVouchers.Voucher("p1", $"v{i:D3}", uin: $"c{i % 3}", amount: 1_000)).ToList();
        vouchers.Add(TestVouchers.Voucher("p1", "general", VoucherType.TypeI, amount: 1_000));
        vouchers.Add(TestVouchers.Voucher("p1", "spent", uin: "c0") with { Balance = TestVouchers.Usd(0), Status = VoucherStatus.Exhausted });
        await OldLayout.WriteAsync(ledger, vouchers);
        await OldLayout.WriteAsync(ledger, [TestVouchers.Voucher("p2", "v000", uin: "c0", amount: 7)]);

        // A fresh process: the first read of p1 moves p1's vouchers, and only p1's.
        var app = ledger.Reopen();
        var one = (await app.Vouchers.GetAsync("p1", "v007"))!;
        Assert.Equal(vouchers[7] with { NumericId = one.Value.NumericId }, one.Value);
        Assert.NotNull(one.Value.NumericId);
        Assert.Equal(0, await OldLayout.CountAsync(ledger, "p1"));
        Assert.Equal(1, await OldLayout.CountAsync(ledger, "p2"));

        Assert.Equal(41, (await ReadAllAsync(app, new VoucherQuery("p1") { Type = VoucherType.TypeIII, CustomerUin = "c0" })).Count);
        Assert.Equal(["general"], (await ReadAllAsync(app, new VoucherQuery("p1") { Type = VoucherType.TypeI })).Select(v => v.VoucherId));
        var bill = await app.Deduction().ApplyAsync(Make.Bill("p1", "b1", "c1", 1_500));
        Assert.Equal(1_500, Assert.IsType<BillCommitResult.Applied>(bill).Outcome.TotalAllocated.MinorUnits);
        var partnerBill = await app.Deduction().ApplyAsync(Make.Bill("p1", "b2", "c1", 400, PayerKind.Partner));
        Assert.Equal(400, Assert.IsType<BillCommitResult.Applied>(partnerBill).Outcome.TotalAllocated.MinorUnits);

        // A version read before the move is stale: the write is refused, not applied to a ghost row.
        var beforeMove = await OldLayout.VersionAsync(ledger, "p2", "v000");
        var migrated = ledger.Reopen();
        Assert.Equal(7, (await migrated.Vouchers.GetAsync("p2", "v000"))!.Value.Amount.MinorUnits);
        await Assert.ThrowsAnyAsync<Exception>(() => migrated.Vouchers.UpdateAsync(new Versioned<Voucher>(TestVouchers.Voucher("p2", "v000", uin: "c0", amount: 7), beforeMove), TestVouchers.Voucher("p2", "v000", uin: "c0", amount: 7) with { Name = "x" }));
    }

    [Fact]
    public async Task The_migration_resumes_a_half_done_partition_and_concurrent_runs_move_each_voucher_once()
    {
        var ledger = await Ledger.CreateAsync();
        // Half moved already (as a crash mid-way leaves it: each voucher moved or not), half still old.
        foreach (var v in Enumerable.Range(0, 60).Select(i => TestVouchers.Voucher("p1", $"new{i:D2}", uin: $"c{i % 5}")))
        {
            await ledger.Vouchers.AddAsync(v);
        }

        var old = Enumerable.Range(0, 150).Select(i => TestVouchers.Voucher("p1", $"old{i:D3}", uin: $"c{i % 5}")).ToList();
        await OldLayout.WriteAsync(ledger, old);

        var partitions = await ledger.Layout.PartitionsToMigrateAsync(CancellationToken.None);
        Assert.Equal([Keys.Partner("p1")], partitions);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ledger.Reopen().Layout.MigratePartitionAsync(Keys.Partner("p1"), CancellationToken.None))));
        Assert.Equal(150, runs.Sum());
        Assert.Equal(0, await OldLayout.CountAsync(ledger, "p1"));
        Assert.Empty(await ledger.Layout.PartitionsToMigrateAsync(CancellationToken.None));
        Assert.Equal(0, await ledger.Layout.MigratePartitionAsync(Keys.Partner("p1"), CancellationToken.None));

        var all = await ReadAllAsync(ledger.Reopen(), new VoucherQuery("p1"));
        Assert.Equal(210, all.Count);
        Assert.Equal(210, all.Select(v => v.VoucherId).Distinct().Count());
        Assert.Equal(210, all.Select(v => v.NumericId ?? throw new InvalidOperationException($"{v.VoucherId} has no number")).Distinct().Count());
        var moved = (await ledger.Reopen().Vouchers.GetAsync("p1", "old042"))!.Value;
        Assert.Equal(old[42] with { NumericId = moved.NumericId }, moved);
    }

    private static async Task<bool> Settle(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    private static async Task<string[]> RowsAsync(Ledger ledger, string from, string to)
    {
        var client = ledger.Service.GetTableClient(ledger.Table.TableName);
        var ids = new List<string>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Partner("p1")} and RowKey ge {from} and RowKey lt {to}")))
        {
            ids.Add(row.GetString("VoucherId"));
        }

        return [.. ids];
    }

    private static async Task<List<Voucher>> ReadAllAsync(Ledger ledger, VoucherQuery query)
    {
        var all = new List<Voucher>();
        string? token = null;
        do
        {
            var page = await ledger.Vouchers.ListAsync(query, new PageRequest(100, token));
            all.AddRange(page.Items.Select(v => v.Value));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }
}
