using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class CustomerPortalApiTests(AppHostFixture app)
{
    [Fact]
    public async Task A_customer_sees_only_its_own_vouchers_without_the_partners_private_fields()
    {
        var s = new Scenario(app);
        var (voucherId, uin, _) = await s.VoucherAsync("20");
        var (_, trial) = await app.TrialPairAsync(s.PartnerId, uin);
        var (othersVoucher, _, _) = await s.VoucherAsync("5");
        await app.BillAsync(s.PartnerId, uin, DateTimeOffset.UtcNow, ("cvm", "1"));
        var customer = app.AsCustomer(s.PartnerId, uin);

        var mine = await customer.GetAsync("/api/my/vouchers").Json(HttpStatusCode.OK);

        var items = mine.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { trial, voucherId }.Order(StringComparer.Ordinal), items.Select(v => v.Str("voucherId")).Order(StringComparer.Ordinal));
        foreach (var item in items)
        {
            foreach (var hidden in new[] { "purpose", "applyReason", "associatedVoucherId", "templateId", "applicationId", "fundingParty", "distributorId", "note" })
            {
                Assert.False(item.TryGetProperty(hidden, out _), $"{hidden} must not be shown to the customer.");
            }
        }

        var one = await customer.GetAsync($"/api/my/vouchers/{trial}").Json(HttpStatusCode.OK);
        Assert.Equal("Used", one.Str("status")); // the bill used the product-trial voucher first (switch on by default)
        Assert.False(one.TryGetProperty("associatedVoucherId", out _));
        var usage = await customer.GetAsync($"/api/my/vouchers/{trial}/usage").Json(HttpStatusCode.OK);
        Assert.Equal("1", Assert.Single(usage.GetProperty("items").EnumerateArray()).Str("amount"));
        await customer.GetAsync($"/api/my/vouchers/{othersVoucher}").Problem(HttpStatusCode.NotFound, "resource.not_found");
        await customer.GetAsync($"/api/my/vouchers/{othersVoucher}/usage").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_customer_of_another_partner_with_the_same_uin_sees_nothing()
    {
        var s = new Scenario(app);
        var (voucherId, uin, _) = await s.VoucherAsync();

        var stranger = app.AsCustomer("p-other-" + Guid.NewGuid().ToString("N")[..6], uin);

        var list = await stranger.GetAsync("/api/my/vouchers").Json(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        await stranger.GetAsync($"/api/my/vouchers/{voucherId}").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }
}
