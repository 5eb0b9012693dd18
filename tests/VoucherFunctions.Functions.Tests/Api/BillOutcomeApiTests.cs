using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class BillOutcomeApiTests(AppHostFixture app)
{
    [Fact]
    public async Task A_customer_bill_is_found_with_its_customer_and_the_404_says_what_to_add()
    {
        var s = new Scenario(app);
        var (_, uin, _) = await s.VoucherAsync("50");
        var outcome = await app.BillAsync(s.PartnerId, uin, DateTimeOffset.UtcNow, ("cvm", "3"));

        var missing = await s.Partner.GetAsync($"/api/bills/{outcome.BillId}").Problem(HttpStatusCode.NotFound, "resource.not_found");
        var found = await s.Partner.GetAsync($"/api/bills/{outcome.BillId}?customerUin={uin}").Json(HttpStatusCode.OK);

        Assert.Contains("customerUin", missing.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("payerKind", missing.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("applied", found.Str("status"));
        await s.Partner.GetAsync($"/api/bills/{outcome.BillId}?payerKind=customer&customerUin={uin}").Json(HttpStatusCode.OK);
        await s.Partner.GetAsync($"/api/bills/{outcome.BillId}?payerKind=partner&customerUin={uin}").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
        await s.Partner.GetAsync($"/api/bills/{outcome.BillId}?payerKind=customer").Problem(HttpStatusCode.BadRequest, "request.field_required");
    }
}
