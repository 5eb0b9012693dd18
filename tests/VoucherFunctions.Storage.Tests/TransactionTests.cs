using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

public class TransactionTests
{
    [Fact]
    public async Task A_transaction_with_one_stale_version_applies_nothing()
    {
        var ledger = await Ledger.CreateAsync();
        var v1 = await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1"));
        var v2 = await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v2"));
        await ledger.Vouchers.UpdateAsync(v2, v2.Value with { Note = "moved on" });

        var commit = ledger.Commits.Begin("p1")
            .AddVoucher(TestVouchers.Voucher("p1", "v3"))
            .UpdateVoucher(v1, v1.Value with { Note = "changed" })
            .UpdateVoucher(v2, v2.Value with { Note = "stale" });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => commit.CommitAsync());

        Assert.Null(await ledger.Vouchers.GetAsync("p1", "v3"));
        Assert.Null((await ledger.Vouchers.GetAsync("p1", "v1"))!.Value.Note);
        Assert.Equal("moved on", (await ledger.Vouchers.GetAsync("p1", "v2"))!.Value.Note);
    }

    [Fact]
    public async Task Cross_partition_oversized_and_too_long_transactions_are_refused_before_any_request()
    {
        var server = await SharedAzurite.InstanceAsync();
        var counter = new CountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var table = new LedgerTable(new TableServiceClient(server.ConnectionString, options), "t" + Guid.NewGuid().ToString("N"));

        var crossPartition = new EntityGroupTransaction(Keys.Partner("p1"));
        Assert.Throws<TransactionRefusedException>(() => crossPartition.Add(new TableEntity(Keys.Partner("p2"), "r")));
        Assert.Throws<TransactionRefusedException>(() => Ledger.CommitsOn(table).Begin("p1").AddVoucher(TestVouchers.Voucher("p2", "v1")));

        var tooMany = new EntityGroupTransaction(Keys.Partner("p1"));
        for (var i = 0; i <= EntityGroupTransaction.MaxOperations; i++)
        {
            tooMany.Add(new TableEntity(Keys.Partner("p1"), $"r{i}"));
        }

        await Assert.ThrowsAsync<TransactionRefusedException>(() => table.SubmitAsync(tooMany, CancellationToken.None));

        var tooBig = new EntityGroupTransaction(Keys.Partner("p1"));
        for (var i = 0; i < 80; i++)
        {
            tooBig.Add(new TableEntity(Keys.Partner("p1"), $"r{i}") { ["Text"] = new string('x', 30_000) });
        }

        await Assert.ThrowsAsync<TransactionRefusedException>(() => table.SubmitAsync(tooBig, CancellationToken.None));

        var commit = Ledger.CommitsOn(table).Begin("p1");
        for (var i = 0; i <= EntityGroupTransaction.MaxOperations; i++)
        {
            commit.AddVoucher(TestVouchers.Voucher("p1", $"v{i}"));
        }

        var error = await Assert.ThrowsAsync<DomainException>(() => commit.CommitAsync());
        Assert.Equal(ErrorCodes.CommitTooLarge, error.Code);
        Assert.Equal(0, counter.Requests);
    }

    [Fact]
    public async Task A_bill_whose_effects_exceed_one_transaction_is_refused_whole()
    {
        var ledger = await Ledger.CreateAsync();
        // Two commits: a voucher insert is two writes (row and id pointer).
        for (var half = 0; half < 2; half++)
        {
            var batch = ledger.Commits.Begin("p1");
            for (var i = half * 30; i < (half + 1) * 30; i++)
            {
                batch.AddVoucher(TestVouchers.Voucher("p1", $"v{i:D2}", amount: 1));
            }

            await batch.CommitAsync();
        }

        // 60 vouchers each paying 1 unit: 60 voucher updates + 60 usage rows + marker > 100.
        var bill = Make.Bill("p1", "big", "c1", 60);

        var error = await Assert.ThrowsAsync<DomainException>(() => ledger.Deduction().ApplyAsync(bill));
        Assert.Equal(ErrorCodes.BillTooLarge, error.Code);
        Assert.Null(await ledger.Bills.GetOutcomeAsync("p1", PayerKind.Customer, "c1", "big"));
        var all = await ledger.Vouchers.ListAsync(new VoucherQuery("p1"), PageRequest.First());
        Assert.All(all.Items, v => Assert.Equal(1, v.Value.Balance.MinorUnits));
    }

    [Fact]
    public async Task A_storage_outage_while_the_table_is_first_opened_is_not_remembered()
    {
        var server = await SharedAzurite.InstanceAsync();
        var outage = new OutagePolicy { Down = true };
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(outage, HttpPipelinePosition.PerRetry);
        var table = new LedgerTable(new TableServiceClient(server.ConnectionString, options), "t" + Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<RequestFailedException>(() => table.GetAsync(Keys.Partner("p1"), "r", CancellationToken.None));
        outage.Down = false;

        // The storage is back: the table is opened again instead of failing for the life of the process.
        Assert.Null(await table.GetAsync(Keys.Partner("p1"), "r", CancellationToken.None));
        await table.AddAsync(new TableEntity(Keys.Partner("p1"), "r"), CancellationToken.None);
        Assert.NotNull(await table.GetAsync(Keys.Partner("p1"), "r", CancellationToken.None));
    }

    private sealed class OutagePolicy : HttpPipelineSynchronousPolicy
    {
        public bool Down { get; set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Down)
            {
                throw new RequestFailedException(503, "Injected: the storage is unavailable.");
            }
        }
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _requests;

        public int Requests => _requests;

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);
    }
}
