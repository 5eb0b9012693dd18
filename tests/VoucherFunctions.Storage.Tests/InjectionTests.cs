using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Tests.Support;

namespace VoucherFunctions.Storage.Tests;

public class InjectionTests
{
    [Theory]
    [InlineData("p1' or PartitionKey ne '")]
    [InlineData("p1/../p2")]
    [InlineData("p1\\x")]
    [InlineData("p1#")]
    [InlineData("p1?x=1")]
    [InlineData("p1\u0000")]
    [InlineData("p1\n")]
    [InlineData("")]
    public async Task Hostile_ids_are_refused_before_reaching_a_key(string hostile)
    {
        var ledger = await Ledger.CreateAsync();
        await AssertIdInvalid(() => ledger.Vouchers.GetAsync(hostile, "v1"));
        await AssertIdInvalid(() => ledger.Vouchers.GetAsync("p1", hostile));
        await AssertIdInvalid(() => ledger.Vouchers.ListAsync(new VoucherQuery("p1") { CustomerUin = hostile }, PageRequest.First()));
        await AssertIdInvalid(() => ledger.Usage.ListByVoucherAsync("p1", hostile, null, PageRequest.First()));
        Assert.Equal(ErrorCodes.IdInvalid, Assert.Throws<DomainException>(() => new VoucherQuery(hostile)).Code);
    }

    [Fact]
    public async Task Filter_values_with_quotes_and_separators_cannot_widen_a_query_or_reach_another_partition()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "v1", uin: "c1"));
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1|voucher", "v1", uin: "c1"));
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p2", "secret", uin: "c1"));
        await ledger.Templates.AddAsync(Make.Template("p1", "t1", "A"));
        await ledger.Templates.AddAsync(Make.Template("p2", "t2", "B"));

        // Quotes are escaped as literals by the SDK: no template of p1 is named like that, and p2's stays unseen.
        foreach (var prefix in new[] { "' or PartitionKey ne '", "A' or '1' eq '1", "\u00ff" })
        {
            Assert.Empty((await ledger.Templates.ListAsync(new TemplateQuery("p1") { NamePrefix = prefix }, PageRequest.First())).Items);
        }

        // '|' inside ids is escaped, so "p1|voucher" is its own partition and "p1" sees only its own voucher.
        var p1 = await ledger.Vouchers.ListAsync(new VoucherQuery("p1"), PageRequest.First());
        Assert.Equal([("p1", "v1")], p1.Items.Select(v => (v.Value.PartnerId, v.Value.VoucherId)));
        var other = await ledger.Vouchers.ListAsync(new VoucherQuery("p1|voucher"), PageRequest.First());
        Assert.Equal([("p1|voucher", "v1")], other.Items.Select(v => (v.Value.PartnerId, v.Value.VoucherId)));

        // Partner ids that look like system partitions stay partner partitions.
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("sys|reviewqueue", "v1"));
        Assert.Empty((await ledger.Applications.ListPendingForReviewAsync(PageRequest.First())).Items);
        Assert.NotEqual(Keys.ReviewQueuePartition, Keys.Partner("sys|reviewqueue"));
        Assert.NotEqual(Keys.Partner("a|b"), Keys.Partner("a%7Cb"));
    }

    [Fact]
    public async Task Type_one_vouchers_without_customer_are_not_matched_by_a_customer_filter()
    {
        var ledger = await Ledger.CreateAsync();
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "g", VoucherType.TypeI));
        await ledger.Vouchers.AddAsync(TestVouchers.Voucher("p1", "c", VoucherType.TypeIII, "c1"));
        var page = await ledger.Vouchers.ListAsync(new VoucherQuery("p1") { CustomerUin = "c1" }, PageRequest.First());
        Assert.Equal(["c"], page.Items.Select(v => v.Value.VoucherId));
        Assert.Equal(["g"], (await ledger.Vouchers.ListAsync(new VoucherQuery("p1") { Type = VoucherType.TypeI }, PageRequest.First())).Items.Select(v => v.Value.VoucherId));
    }

    private static async Task AssertIdInvalid(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<DomainException>(action);
        Assert.Equal(ErrorCodes.IdInvalid, error.Code);
    }
}
