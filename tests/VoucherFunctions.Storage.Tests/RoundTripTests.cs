using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

public class RoundTripTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(123_45678901L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MaxValue - 1)]
    public async Task Voucher_round_trips_with_every_field_and_exact_money(long amount)
    {
        var ledger = await Ledger.CreateAsync();
        var voucher = TestVouchers.Voucher("p1", "v1", amount: amount) with
        {
            Balance = TestVouchers.Usd(amount - 1),
            WithdrawnAmount = TestVouchers.Usd(0),
            DistributorId = "d1",
            FundingParty = FundingParty.Distributor,
            ApplicationId = "app-1",
            AssociatedVoucherId = "v2-app-1-c1",
            Note = "n",
            ApplyReason = "r",
            ProductScope = ProductScope.BlockList("cos", "cvm-gpu"),
            PaymentModeScope = PaymentModeScope.Postpaid,
            FrozenBlocklist = ProductSet.Of("x1", "x2"),
            Status = VoucherStatus.Exhausted,
            StatusChangedAt = TestVouchers.T0.AddTicks(7),
        };
        var added = await ledger.Vouchers.AddAsync(voucher);
        var read = await ledger.Vouchers.GetAsync("p1", "v1");

        Assert.NotNull(read);
        Assert.NotNull(added.Value.NumericId);
        Assert.Equal(voucher with { NumericId = added.Value.NumericId }, read!.Value);
        Assert.Equal(added.Version, read.Version);
        Assert.Equal(amount, read.Value.Amount.MinorUnits);
    }

    [Fact]
    public async Task Template_round_trips_locked_and_unlocked()
    {
        var ledger = await Ledger.CreateAsync();
        var template = Make.Template("p1", "t1");
        var absolute = Make.Template("p1", "t2") with { Validity = Validity.AbsoluteEnd(TestVouchers.T0.AddDays(400)), UsedAt = TestVouchers.T0.AddTicks(3) };
        await ledger.Templates.AddAsync(template);
        await ledger.Templates.AddAsync(absolute);

        Assert.Equal(template, (await ledger.Templates.GetAsync("p1", "t1"))!.Value);
        Assert.Equal(absolute, (await ledger.Templates.GetAsync("p1", "t2"))!.Value);
    }

    [Fact]
    public async Task Application_round_trips_with_its_timeline()
    {
        var ledger = await Ledger.CreateAsync();
        var template = await ledger.Templates.AddAsync(Make.Template("p1", "t1", family: TemplateFamily.PartnerVoucher));
        var submission = VoucherApplication.Submit("a1", "p1", template.Value, [Make.Customer("p1", "c1", true), Make.Customer("p1", "c2", true)], TestVouchers.Usd(5), true, TestVouchers.T0, "trial please");
        await ledger.Applications.SubmitAsync(submission, template.Version);
        var approved = submission.Application.MarkOverdue(TestVouchers.T0.AddDays(10)).Approve("rev-1", TestVouchers.T0.AddDays(11), ProductSet.Of("cos", "cdn")).Application.RecordVouchersIssued(TestVouchers.T0.AddDays(11));
        var stored = await ledger.Applications.GetAsync("p1", "a1");
        await ledger.Applications.UpdateAsync(stored!, approved);

        var read = (await ledger.Applications.GetAsync("p1", "a1"))!.Value;
        Assert.Equal(approved with { Timeline = read.Timeline, CustomerUins = read.CustomerUins }, read);
        Assert.Equal(approved.Timeline, read.Timeline);
        Assert.Equal(approved.CustomerUins, read.CustomerUins);
        Assert.Equal(ProductSet.Of("cos", "cdn"), read.ApprovedBlocklist);
        Assert.Equal(approved.TrialVoucherPairs(), read.TrialVoucherPairs());
        Assert.True((await ledger.Templates.GetAsync("p1", "t1"))!.Value.IsLocked);
    }

    [Fact]
    public async Task A_customer_row_written_before_names_existed_reads_its_uin_as_the_name()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Customers.AddAsync(Make.Customer("p1", "100200300"));
        var client = await ledger.Table.ClientAsync();
        var row = (await client.GetEntityAsync<Azure.Data.Tables.TableEntity>(Keys.Partner("p1"), Keys.Customer("100200300"))).Value;
        Assert.True(row.Remove("Name"));
        await client.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        var read = (await ledger.Customers.GetAsync("p1", "100200300"))!.Value;

        Assert.Equal(new Domain.Customers.Customer("100200300", "p1", "100200300"), read);
    }

    [Fact]
    public async Task Customer_settings_quota_pool_and_vendor_rows_round_trip()
    {
        var ledger = await Ledger.CreateAsync();
        var customer = new Domain.Customers.Customer("c1", "p1", "Zoë's Café / 北京", Domain.Customers.GroupModeRole.Member, true);
        await ledger.Customers.AddAsync(customer);
        Assert.Equal(customer, (await ledger.Customers.GetAsync("p1", "c1"))!.Value);
        Assert.Equal("Zoë's Café / 北京", (await ledger.Customers.ListAsync("p1", PageRequest.First())).Items.Single().Value.Name);

        var (defaults, none) = await ledger.Settings.GetAsync("p1");
        Assert.True(defaults.AssociatedVouchersDeductedFirst);
        Assert.Null(none);
        var off = defaults.WithAssociatedVouchersDeductedFirst(false, TestVouchers.T0);
        await ledger.Settings.SaveAsync(off, null);
        Assert.Equal(off, (await ledger.Settings.GetAsync("p1")).Settings);

        var pool = QuotaPool.Create("d1", "r1", Currency.USD, TestVouchers.T0).Adjust(Money.FromMinorUnits(long.MaxValue, Currency.USD), TestVouchers.T0).Take(TestVouchers.Usd(1), TestVouchers.T0);
        await ledger.Quotas.AddAsync(pool);
        Assert.Equal(pool, (await ledger.Quotas.GetAsync("d1", "r1"))!.Value);

        var blocklist = VendorProductBlocklist.Empty.Add("cos", TestVouchers.T0).Add("cdn", TestVouchers.T0);
        await ledger.Vendor.SaveBlocklistAsync(blocklist, null);
        Assert.Equal(blocklist, (await ledger.Vendor.GetBlocklistAsync()).Blocklist);
        var product = new CatalogProduct("cvm-gpu", "GPU instances", "cvm");
        await ledger.Vendor.SaveProductAsync(product, null);
        Assert.Equal(product, (await ledger.Vendor.GetProductAsync("cvm-gpu"))!.Value);
    }

    [Fact]
    public async Task Usage_bill_outcome_and_idempotency_records_round_trip()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", amount: 3));
        var bill = Make.Bill("p1", "b1", "c1", 5);
        var applied = await ledger.Deduction().ApplyAsync(bill);

        var outcome = await ledger.Bills.GetOutcomeAsync("p1", PayerKind.Customer, "c1", "b1");
        Assert.NotNull(outcome);
        Assert.Equal(applied.Outcome with { Lines = outcome!.Lines }, outcome);
        Assert.Equal(3, outcome.TotalAllocated.MinorUnits);
        Assert.Equal(2, outcome.TotalRemainingPayable.MinorUnits);
        Assert.Equal(applied.Outcome.Lines.Single().Allocations, outcome.Lines.Single().Allocations);

        var usage = Assert.Single((await ledger.Usage.ListByVoucherAsync("p1", "v1", null, PageRequest.First())).Items);
        Assert.Equal(("v1", "b1", "l1", 3L, bill.BillTime), (usage.VoucherId, usage.BillId, usage.LineId, usage.Amount.MinorUnits, usage.BillTime));

        var record = new IdempotencyRecord("p1", "issue", "k1", "h1", 201, "{\"a\":\"" + new string('x', 70_000) + "\"}", TestVouchers.T0);
        await ledger.Idempotency.TryAddAsync(record);
        Assert.Equivalent(record, await ledger.Idempotency.GetAsync("p1", "issue", "k1"));
    }

    [Fact]
    public async Task An_idempotency_record_keeps_its_replay_headers_and_a_row_written_before_them_reads_none()
    {
        var ledger = await Ledger.CreateAsync();
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["ETag"] = "\"0x8DC1\"",
            ["Location"] = "/api/templates/t1",
        };
        var record = new IdempotencyRecord("p1", "create-template", "k1", "h1", 201, "{\"templateId\":\"t1\"}", TestVouchers.T0, headers);
        await ledger.Idempotency.TryAddAsync(record);

        var read = (await ledger.Idempotency.GetAsync("p1", "create-template", "k1"))!;

        Assert.Equal(record, read);
        Assert.Equal(3, read.ResponseHeaders.Count);
        Assert.Equal("\"0x8DC1\"", read.ResponseHeaders["ETag"]);
        Assert.Equal("/api/templates/t1", read.ResponseHeaders["location"]);

        var client = await ledger.Table.ClientAsync();
        var row = (await client.GetEntityAsync<Azure.Data.Tables.TableEntity>(Keys.Partner("p1"), Keys.Idempotency("create-template", "k1"))).Value;
        Assert.True(row.Remove("ResponseHeaders"));
        await client.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        Assert.Empty((await ledger.Idempotency.GetAsync("p1", "create-template", "k1"))!.ResponseHeaders);
    }

    [Fact]
    public async Task A_result_record_is_stored_without_status_or_headers_and_reads_back_as_a_result()
    {
        var ledger = await Ledger.CreateAsync();
        var record = IdempotencyRecord.OfResult("p1", "create-template", "k2", "h1", "{\"value\":{\"templateId\":\"t1\"},\"version\":\"v1\"}", TestVouchers.T0);
        await ledger.Idempotency.TryAddAsync(record);

        var read = (await ledger.Idempotency.GetAsync("p1", "create-template", "k2"))!;

        Assert.Equal(record, read);
        Assert.False(read.IsHttpAnswer);
        Assert.Null(read.StatusCode);
        Assert.Empty(read.ResponseHeaders);
        var client = await ledger.Table.ClientAsync();
        var row = (await client.GetEntityAsync<Azure.Data.Tables.TableEntity>(Keys.Partner("p1"), Keys.Idempotency("create-template", "k2"))).Value;
        Assert.False(row.ContainsKey("StatusCode"));
        Assert.False(row.ContainsKey("ResponseHeaders"));
    }
}
