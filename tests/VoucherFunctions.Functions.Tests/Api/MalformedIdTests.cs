using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>An id that cannot exist (a character ids never hold) in the route is not found, like an unknown id.</summary>
[Collection(AppCollection.Name)]
public sealed class MalformedIdTests(AppHostFixture app)
{
    [Fact]
    public async Task A_route_id_no_record_can_have_is_404_on_every_lookup()
    {
        var partner = new Scenario(app).Partner;
        const string bad = "a%27b";

        foreach (var path in new[]
        {
            $"/api/partner-vouchers/{bad}",
            $"/api/partner-vouchers/{bad}/customer-vouchers",
            $"/api/applications/{bad}",
            $"/api/customer-vouchers/{bad}",
            $"/api/customer-vouchers/{bad}/associated",
            $"/api/templates/{bad}",
            $"/api/customers/{bad}",
            $"/api/vouchers/{bad}/usage",
        })
        {
            await partner.GetAsync(path).Problem(HttpStatusCode.NotFound, "resource.not_found");
        }

        await partner.PostAsync($"/api/partner-vouchers/{bad}/invalidate", null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await partner.PostAsync($"/api/applications/{bad}/cancel", null, idempotencyKey: null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        var reviewer = app.AsVendor("reviewer");
        await reviewer.PostAsync($"/api/reviews/partners/{bad}/applications/app-1/approve", null, idempotencyKey: null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await reviewer.PostAsync($"/api/reviews/partners/p-1/applications/{bad}/reject", new { reason = "no" }, idempotencyKey: null).Problem(HttpStatusCode.NotFound, "resource.not_found");
    }
}
