using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

/// <summary>The vendor API's integer voucher ids: taken from the partner's counter in the transaction that inserts the voucher.</summary>
public class VoucherNumberingTests
{
    [Fact]
    public async Task Concurrent_issuances_get_distinct_numbers_without_gaps_and_a_repeated_insert_takes_none()
    {
        var ledger = await Ledger.CreateAsync();

        // 40 single inserts and 10 three-voucher commits, all at once, racing for one partner's counter.
        var singles = Enumerable.Range(0, 40).Select(i => Task.Run(() => ledger.Vouchers.AddAsync(Make.Voucher("p1", $"s{i}"))));
        var commits = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            var commit = ledger.Commits.Begin("p1");
            for (var j = 0; j < 3; j++)
            {
                commit.AddVoucher(Make.Voucher("p1", $"c{i}-{j}"));
            }

            await commit.CommitAsync();
        }));
        await Task.WhenAll(singles.Cast<Task>().Concat(commits));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ledger.Vouchers.AddAsync(Make.Voucher("p1", "s0")));
        var next = await ledger.Vouchers.AddAsync(Make.Voucher("p1", "last"));

        var all = await ledger.Vouchers.ListAsync(new VoucherQuery("p1"), PageRequest.First());
        var numbers = all.Items.Select(v => v.Value.NumericId!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 71).Select(n => (long)n), numbers);
        Assert.Equal(71, next.Value.NumericId);
    }

    [Fact]
    public async Task A_number_survives_every_later_write_and_partners_count_apart()
    {
        var ledger = await Ledger.CreateAsync();
        var first = await ledger.Vouchers.AddAsync(Make.Voucher("p1", "v1"));
        await ledger.Vouchers.AddAsync(Make.Voucher("p2", "v1"));

        var renamed = await ledger.Vouchers.UpdateAsync(first.Value with { Name = "renamed" }, first.Version);
        var commit = ledger.Commits.Begin("p1").UpdateVoucher(renamed.Value with { Name = "again" }, renamed.Version);
        await commit.CommitAsync();

        Assert.Equal(1, (await ledger.Vouchers.GetAsync("p1", "v1"))!.Value.NumericId);
        Assert.Equal(1, (await ledger.Vouchers.GetAsync("p2", "v1"))!.Value.NumericId);
    }

    [Fact]
    public async Task A_commit_of_new_vouchers_holds_99_writes_since_the_counter_is_the_hundredth()
    {
        // Each voucher insert is two writes (its row and its id pointer): 49 vouchers are 98 writes and fit
        // with the counter; 50 are 100 and do not.
        var ledger = await Ledger.CreateAsync();
        var fits = ledger.Commits.Begin("p1");
        var tooMany = ledger.Commits.Begin("p1");
        for (var i = 0; i < 50; i++)
        {
            if (i < 49)
            {
                fits.AddVoucher(Make.Voucher("p1", $"a{i}"));
            }

            tooMany.AddVoucher(Make.Voucher("p1", $"b{i}"));
        }

        await fits.CommitAsync();
        var error = await Assert.ThrowsAsync<VoucherFunctions.Domain.Errors.DomainException>(() => tooMany.CommitAsync());

        Assert.Equal(VoucherFunctions.Domain.Errors.ErrorCodes.CommitTooLarge, error.Code);
        Assert.Equal(49, (await ledger.Vouchers.ListAsync(new VoucherQuery("p1"), PageRequest.First())).Items.Count);
    }
}
