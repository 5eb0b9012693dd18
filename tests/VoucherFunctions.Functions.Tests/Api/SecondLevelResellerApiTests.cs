using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>A second-level reseller issues customer-discount vouchers within the quota pool its distributor gave it.</summary>
[Collection(AppCollection.Name)]
public sealed class SecondLevelResellerApiTests(AppHostFixture app)
{
    [Fact]
    public async Task Issuance_takes_quota_is_refused_beyond_it_and_withdrawal_gives_it_back()
    {
        var distributorId = "d-" + Guid.NewGuid().ToString("N")[..8];
        var s = new Scenario(app, "second-level-reseller", distributorId);
        var pools = app.Host.Services.GetRequiredService<IQuotaPoolStore>();
        var pool = QuotaPool.Create(distributorId, s.PartnerId, Currency.USD, DateTimeOffset.UtcNow).Adjust(Money.FromUnits(30, Currency.USD), DateTimeOffset.UtcNow);
        await pools.AddAsync(pool);
        var a = await s.CustomerAsync();
        var b = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var issued = await s.IssueAsync(templateId, [a], "20");
        var voucher = issued.GetProperty("vouchers")[0];
        Assert.Equal("distributor", voucher.Str("fundingParty"));
        Assert.Equal(distributorId, voucher.Str("distributorId"));
        Assert.Equal("20", (await pools.GetAsync(distributorId, s.PartnerId))!.Value.Issued.ToString());

        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { b }, amount = "10.00000001" }).Problem(HttpStatusCode.UnprocessableEntity, "quota.insufficient");
        await s.Partner.PostAsync($"/api/customer-vouchers/{voucher.Str("voucherId")}/withdraw", null).Json(HttpStatusCode.OK);

        var after = (await pools.GetAsync(distributorId, s.PartnerId))!.Value;
        Assert.Equal("0", after.Issued.ToString());
        Assert.Equal(0, after.IssuedCount);
        await s.IssueAsync(templateId, [b], "30");
    }

    [Fact]
    public async Task Without_a_quota_pool_nothing_can_be_issued()
    {
        var s = new Scenario(app, "second-level-reseller", "d-" + Guid.NewGuid().ToString("N")[..8]);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin } }).Problem(HttpStatusCode.UnprocessableEntity, "quota.insufficient");
    }

    [Fact]
    public async Task A_second_level_reseller_token_without_a_distributor_cannot_issue()
    {
        var s = new Scenario(app, "second-level-reseller");
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin } }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
