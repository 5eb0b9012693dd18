using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

public class IdempotencyTests
{
    [Fact]
    public async Task A_bill_delivered_twice_and_concurrently_is_applied_once()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", amount: 100));
        var deduction = ledger.Deduction();
        var bill = Make.Bill("p1", "b1", "c1", 30);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => deduction.ApplyAsync(bill))));
        var again = await deduction.ApplyAsync(bill);

        Assert.Single(results, r => r is BillCommitResult.Applied);
        Assert.IsType<BillCommitResult.Duplicate>(again);
        Assert.All(results.Append(again), r => Assert.Equal(30, r.Outcome.TotalAllocated.MinorUnits));
        Assert.Equal(70, (await ledger.Vouchers.GetAsync("p1", "v1"))!.Value.Balance.MinorUnits);
        Assert.Single((await ledger.Usage.ListByVoucherAsync("p1", "v1", null, PageRequest.First())).Items);
    }

    [Fact]
    public async Task The_same_bill_id_with_different_content_is_refused_and_changes_nothing()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", amount: 100));
        var deduction = ledger.Deduction();
        await deduction.ApplyAsync(Make.Bill("p1", "b1", "c1", 30));

        var error = await Assert.ThrowsAsync<DomainException>(() => deduction.ApplyAsync(Make.Bill("p1", "b1", "c1", 31)));

        Assert.Equal(ErrorCodes.BillConflictingDuplicate, error.Code);
        Assert.Equal(70, (await ledger.Vouchers.GetAsync("p1", "v1"))!.Value.Balance.MinorUnits);
        // Same id from another payer is another bill.
        Assert.IsType<BillCommitResult.Applied>(await deduction.ApplyAsync(Make.Bill("p1", "b1", "c2", 31)));
    }

    [Fact]
    public async Task Issuance_with_an_idempotency_key_applies_once_and_refuses_a_different_payload()
    {
        var ledger = await Ledger.CreateAsync();
        var template = await ledger.Templates.AddAsync(Make.Template("p1", "t1"));
        var customer = new Customer("c1", "p1", "Customer c1");

        async Task<CommitOutcome> Issue(string requestHash)
        {
            var current = (await ledger.Templates.GetAsync("p1", "t1"))!;
            var issuance = VoucherFactory.IssueCustomerDiscount("iss-1", current.Value, Issuer.Reseller("p1"), customer, TestVouchers.Usd(5), ProductSet.Empty, TestVouchers.T0);
            return await ledger.Commits.Begin("p1")
                .AddVoucher(issuance.Voucher)
                .UpdateTemplate(issuance.Template, current.Version)
                .AddIdempotency(new IdempotencyRecord("p1", "issue-vouchers", "key-1", requestHash, 201, "{\"ids\":[\"x\"]}", TestVouchers.T0))
                .CommitAsync();
        }

        Assert.True((await Issue("hash-a")).Applied);
        var duplicate = await Issue("hash-a");
        Assert.False(duplicate.Applied);
        Assert.Equal((201, "{\"ids\":[\"x\"]}"), (duplicate.DuplicateOf!.StatusCode, duplicate.DuplicateOf.ResponseJson));
        var reused = await Assert.ThrowsAsync<DomainException>(() => Issue("hash-b"));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Code);

        Assert.Single((await ledger.Vouchers.ListAsync(new VoucherQuery("p1"), PageRequest.First())).Items);
        Assert.True((await ledger.Templates.GetAsync("p1", "t1"))!.Value.IsLocked);
    }

    [Fact]
    public async Task Standalone_idempotency_store_returns_the_stored_response_or_refuses()
    {
        var ledger = await Ledger.CreateAsync();
        var record = new IdempotencyRecord("p1", "op", "k", "h", 200, "{}", TestVouchers.T0);
        Assert.True((await ledger.Idempotency.TryAddAsync(record)).Stored);
        Assert.True((await ledger.Idempotency.TryAddAsync(record with { })).IsDuplicate);
        var error = await Assert.ThrowsAsync<DomainException>(() => ledger.Idempotency.TryAddAsync(new IdempotencyRecord("p1", "op", "k", "other", 200, "{}", TestVouchers.T0)));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, error.Code);
        // Scoped per partner and operation.
        Assert.True((await ledger.Idempotency.TryAddAsync(new IdempotencyRecord("p2", "op", "k", "other", 200, "{}", TestVouchers.T0))).Stored);
        Assert.True((await ledger.Idempotency.TryAddAsync(new IdempotencyRecord("p1", "op2", "k", "other", 200, "{}", TestVouchers.T0))).Stored);
    }

    [Fact]
    public async Task Partner_bill_uses_type_two_first_and_type_one_after()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "general", VoucherType.TypeI, amount: 100));
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "trial", VoucherType.TypeII, "c1", amount: 10));
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "other-customer", VoucherType.TypeII, "c2", amount: 10));
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "customer-side", VoucherType.TypeIII, "c1", amount: 10));

        var outcome = (await ledger.Deduction().ApplyAsync(Make.Bill("p1", "pb1", "c1", 25, PayerKind.Partner))).Outcome;

        Assert.Equal([("trial", 10L), ("general", 15L)], outcome.Lines.Single().Allocations.Select(a => (a.VoucherId, a.Amount.MinorUnits)));
        Assert.Equal(10, (await ledger.Vouchers.GetAsync("p1", "other-customer"))!.Value.Balance.MinorUnits);
        Assert.Equal(10, (await ledger.Vouchers.GetAsync("p1", "customer-side"))!.Value.Balance.MinorUnits);
    }
}
