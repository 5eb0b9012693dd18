using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Thirty_two_concurrent_bills_on_one_voucher_lose_no_update_and_never_overdraw()
    {
        var ledger = await Ledger.CreateAsync();
        // 20 bills' worth of balance for 32 bills: 20 are paid in full, 12 find nothing left.
        const long perBill = 7_00000001;
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", amount: 20 * perBill));
        var deduction = ledger.Deduction();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => deduction.ApplyAsync(Make.Bill("p1", $"b{i}", "c1", perBill)))));

        var voucher = (await ledger.Vouchers.GetAsync("p1", "v1"))!.Value;
        Assert.Equal(0, voucher.Balance.MinorUnits);
        Assert.Equal(VoucherStatus.Exhausted, voucher.Status);
        Assert.All(results, r => Assert.IsType<BillCommitResult.Applied>(r));
        Assert.Equal(20, results.Count(r => r.Outcome.TotalAllocated.MinorUnits == perBill));
        Assert.Equal(12, results.Count(r => r.Outcome.TotalAllocated.IsZero));

        var usages = await ledger.Usage.ListByVoucherAsync("p1", "v1", null, PageRequest.First());
        Assert.Equal(20, usages.Items.Count);
        Assert.Equal(20 * perBill, usages.Items.Sum(u => u.Amount.MinorUnits));
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_retry_rereads()
    {
        var ledger = await Ledger.CreateAsync();
        var first = await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1"));
        await ledger.Vouchers.UpdateAsync(first, first.Value with { Name = "renamed" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ledger.Vouchers.UpdateAsync(first, first.Value with { Name = "lost" }));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ledger.Vouchers.AddAsync(first.Value));

        var attempts = 0;
        await new OptimisticRetry(MaxAttempts: 3).RunAsync(async ct =>
        {
            attempts++;
            var current = (await ledger.Vouchers.GetAsync("p1", "v1", ct))!;
            var asRead = attempts == 1 ? first : current;
            await ledger.Vouchers.UpdateAsync(asRead, current.Value with { Note = "ok" }, ct);
        });
        Assert.Equal(2, attempts);
        Assert.Equal(("renamed", "ok"), ((await ledger.Vouchers.GetAsync("p1", "v1"))!.Value.Name, (await ledger.Vouchers.GetAsync("p1", "v1"))!.Value.Note));
    }

    [Fact]
    public async Task Retry_gives_up_after_its_bound()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new OptimisticRetry(MaxAttempts: 4, BaseDelay: TimeSpan.FromMilliseconds(1)).RunAsync(_ =>
        {
            attempts++;
            throw new ConcurrencyConflictException("always");
        }));
        Assert.Equal(4, attempts);
    }
}
