using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

public class PagingTests
{
    private static readonly string[] Customers = ["c0", "c1", "c2", "c3", "c4"];

    [Fact]
    public async Task A_thousand_vouchers_list_through_filters_in_pages_of_100_with_nothing_missing_or_twice()
    {
        var ledger = await Ledger.CreateAsync();
        var all = Enumerable.Range(0, 1000).Select(i => TestVouchers.Voucher("p1", $"v{i:D4}", VoucherType.TypeIII, Customers[i % 5]) with
        {
            ExpiresAt = TestVouchers.T0.AddDays(1 + (i % 40)),
            PaymentModeScope = (PaymentModeScope)(i % 3),
        }).ToArray();
        // 49 per commit: a voucher insert is two writes (row and id pointer), and their events one (the outbox row).
        foreach (var chunk in all.Chunk(49))
        {
            var commit = ledger.Commits.Begin("p1");
            foreach (var v in chunk)
            {
                commit.AddVoucher(v);
            }

            await commit.CommitAsync();
        }

        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p2", "v0000", VoucherType.TypeIII, "c0"));

        var everything = await ReadAll(ledger, new VoucherQuery("p1"));
        Assert.Equal(all.Select(v => v.VoucherId), everything.Order(StringComparer.Ordinal));

        foreach (var uin in Customers)
        {
            var ids = await ReadAll(ledger, new VoucherQuery("p1") { CustomerUin = uin });
            Assert.Equal(all.Where(v => v.CustomerUin == uin).Select(v => v.VoucherId), ids.Order(StringComparer.Ordinal));
        }

        var query = new VoucherQuery("p1") { CustomerUin = "c2", PaymentMode = PaymentMode.Prepaid, ExpiresFrom = TestVouchers.T0.AddDays(10), ExpiresBefore = TestVouchers.T0.AddDays(20) };
        var expected = all.Where(v => v.CustomerUin == "c2" && v.PaymentModeScope.Admits(PaymentMode.Prepaid) && v.ExpiresAt >= TestVouchers.T0.AddDays(10) && v.ExpiresAt < TestVouchers.T0.AddDays(20));
        Assert.Equal(expected.Select(v => v.VoucherId), (await ReadAll(ledger, query)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_token_is_bound_to_its_query_and_partner()
    {
        var ledger = await Ledger.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", $"v{i}"));
            await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p2", $"v{i}"));
        }

        var first = await ledger.Vouchers.ListAsync(new VoucherQuery("p1"), new PageRequest(2));
        Assert.NotNull(first.ContinuationToken);

        foreach (var replay in new[] { new VoucherQuery("p2"), new VoucherQuery("p1") { CustomerUin = "c1" } })
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => ledger.Vouchers.ListAsync(replay, new PageRequest(2, first.ContinuationToken)));
            Assert.Equal(ErrorCodes.PageTokenInvalid, error.Code);
        }

        var garbage = await Assert.ThrowsAsync<DomainException>(() => ledger.Vouchers.ListAsync(new VoucherQuery("p1"), new PageRequest(2, "not-a-token!")));
        Assert.Equal(ErrorCodes.PageTokenInvalid, garbage.Code);
        Assert.Equal(ErrorCodes.PageSizeInvalid, Assert.Throws<DomainException>(() => new PageRequest(101)).Code);
        Assert.Equal(ErrorCodes.PageSizeInvalid, Assert.Throws<DomainException>(() => new PageRequest(0)).Code);
    }

    [Fact]
    public async Task Usage_lists_per_voucher_and_month()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", amount: 1000) with { ExpiresAt = TestVouchers.T0.AddDays(90) });
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1|x", uin: "c9", amount: 1000) with { ExpiresAt = TestVouchers.T0.AddDays(90) });
        var deduction = ledger.Deduction();
        var march = new DateTimeOffset(2025, 3, 31, 23, 59, 59, TimeSpan.Zero);
        var april = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
        await deduction.ApplyAsync(Make.Bill("p1", "b1", "c1", 1, at: march));
        await deduction.ApplyAsync(Make.Bill("p1", "b2", "c1", 2, at: april));
        await deduction.ApplyAsync(Make.Bill("p1", "b3", "c1", 3, at: april.AddDays(3)));
        await deduction.ApplyAsync(Make.Bill("p1", "b4", "c9", 4, at: april));

        Assert.Equal(["b1", "b2", "b3"], (await ledger.Usage.ListByVoucherAsync("p1", "v1", null, PageRequest.First())).Items.Select(u => u.BillId));
        Assert.Equal(["b1"], (await ledger.Usage.ListByVoucherAsync("p1", "v1", march, PageRequest.First())).Items.Select(u => u.BillId));
        Assert.Equal(["b2", "b3"], (await ledger.Usage.ListByVoucherAsync("p1", "v1", april.AddDays(10), PageRequest.First())).Items.Select(u => u.BillId));
        Assert.Equal(["b4"], (await ledger.Usage.ListByVoucherAsync("p1", "v1|x", null, PageRequest.First())).Items.Select(u => u.BillId));
    }

    [Fact]
    public async Task Templates_filter_by_name_prefix_lock_and_family()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Templates.AddAsync(Make.Template("p1", "t1", "Spring promo"));
        await ledger.Templates.AddAsync(Make.Template("p1", "t2", "Spring trial", TemplateFamily.PartnerVoucher));
        await ledger.Templates.AddAsync(Make.Template("p1", "t3", "Summer") with { UsedAt = TestVouchers.T0 });
        await ledger.Templates.AddAsync(Make.Template("p2", "t4", "Spring other"));

        async Task<string[]> Ids(TemplateQuery q) => (await ledger.Templates.ListAsync(q, PageRequest.First())).Items.Select(t => t.Value.TemplateId).ToArray();

        Assert.Equal(["t1", "t2"], await Ids(new TemplateQuery("p1") { NamePrefix = "Spring" }));
        Assert.Equal(["t2"], await Ids(new TemplateQuery("p1") { Family = TemplateFamily.PartnerVoucher }));
        Assert.Equal(["t3"], await Ids(new TemplateQuery("p1") { Locked = true }));
        Assert.Equal(["t1", "t2"], await Ids(new TemplateQuery("p1") { Locked = false }));
        // Azurite compares datetimes at millisecond precision (it keeps the ticks), so ranges here use whole seconds.
        Assert.Equal(["t1", "t2", "t3"], await Ids(new TemplateQuery("p1") { CreatedFrom = TestVouchers.T0.AddSeconds(-1), CreatedBefore = TestVouchers.T0.AddSeconds(1) }));
        Assert.Empty(await Ids(new TemplateQuery("p1") { CreatedFrom = TestVouchers.T0.AddSeconds(1) }));
    }

    [Fact]
    public async Task Reviewers_see_pending_applications_of_all_partners_oldest_first()
    {
        var ledger = await Ledger.CreateAsync();
        var submitted = new List<VoucherApplication>();
        foreach (var (partner, app, minutes) in new[] { ("p2", "a1", 5), ("p1", "a2", 1), ("p3", "a3", 3) })
        {
            var template = await ledger.Templates.AddAsync(Make.Template(partner, "t-" + app, family: TemplateFamily.PartnerVoucher));
            var submission = VoucherApplication.Submit(app, partner, template.Value, [Make.Customer(partner, "c1")], TestVouchers.Usd(1), true, TestVouchers.T0.AddMinutes(minutes));
            await ledger.Applications.SubmitAsync(submission, template.Version);
            submitted.Add(submission.Application);
        }

        var queue = await ledger.Applications.ListPendingForReviewAsync(PageRequest.First());
        Assert.Equal(["a2", "a3", "a1"], queue.Items.Select(a => a.Value.ApplicationId));

        var a3 = (await ledger.Applications.GetAsync("p3", "a3"))!;
        await ledger.Applications.UpdateAsync(a3, a3.Value.Reject("rev", "no", TestVouchers.T0.AddDays(1)));
        Assert.Equal(["a2", "a1"], (await ledger.Applications.ListPendingForReviewAsync(PageRequest.First())).Items.Select(a => a.Value.ApplicationId));
        Assert.Equal(["a3"], (await ledger.Applications.ListAsync("p3", ApplicationStatus.Rejected, PageRequest.First())).Items.Select(a => a.Value.ApplicationId));
    }

    [Fact]
    public async Task Distributors_list_their_pools_and_summaries_count_per_customer()
    {
        var ledger = await Ledger.CreateAsync();
        foreach (var reseller in new[] { "r1", "r2" })
        {
            await ledger.Quotas.AddAsync(QuotaPool.Create("d1", reseller, Currency.USD, TestVouchers.T0).Adjust(TestVouchers.Usd(100), TestVouchers.T0));
        }

        await ledger.Quotas.AddAsync(QuotaPool.Create("d2", "r3", Currency.USD, TestVouchers.T0));
        Assert.Equal(["r1", "r2"], (await ledger.Quotas.ListByDistributorAsync("d1", PageRequest.First())).Items.Select(p => p.Value.ResellerId));

        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", uin: "c1", amount: 10));
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v2", uin: "c1", amount: 20) with { Balance = TestVouchers.Usd(5) });
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v3", uin: "c2", amount: 7));
        var summary = await ledger.Vouchers.SummarizeByCustomerAsync("p1", ["c1", "c2", "c3"]);
        Assert.Equal([("c1", 2, 30L, 15L), ("c2", 1, 7L, 7L)], summary.Select(s => (s.CustomerUin, s.Count, s.Total.MinorUnits, s.Remaining.MinorUnits)));
    }

    private static async Task<List<string>> ReadAll(Ledger ledger, VoucherQuery query)
    {
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ledger.Vouchers.ListAsync(query, new PageRequest(100, token));
            Assert.True(page.Items.Count <= 100);
            ids.AddRange(page.Items.Select(v => v.Value.VoucherId));
            token = page.ContinuationToken;
            Assert.True(++pages < 50, "paging does not end");
        }
        while (token is not null);

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        return ids;
    }
}
