using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class SettingsApiTests(AppHostFixture app)
{
    [Fact]
    public async Task The_switch_is_on_by_default_and_turning_it_off_warns()
    {
        var s = new Scenario(app);

        var initial = await s.Partner.GetAsync("/api/settings").Json(HttpStatusCode.OK);
        var off = await s.Partner.PutAsync("/api/settings", new { associatedVouchersDeductedFirst = false }).Json(HttpStatusCode.OK);
        var read = await s.Partner.GetAsync("/api/settings").Json(HttpStatusCode.OK);
        var on = await s.Partner.PutAsync("/api/settings", new { associatedVouchersDeductedFirst = true }).Json(HttpStatusCode.OK);

        Assert.True(initial.GetProperty("associatedVouchersDeductedFirst").GetBoolean());
        Assert.False(initial.TryGetProperty("warning", out _));
        Assert.False(off.GetProperty("associatedVouchersDeductedFirst").GetBoolean());
        Assert.Contains("may go unused", off.Str("warning"), StringComparison.Ordinal);
        Assert.False(read.GetProperty("associatedVouchersDeductedFirst").GetBoolean());
        Assert.True(on.GetProperty("associatedVouchersDeductedFirst").GetBoolean());
        Assert.False(on.TryGetProperty("warning", out _));
        var other = await new Scenario(app).Partner.GetAsync("/api/settings").Json(HttpStatusCode.OK);
        Assert.True(other.GetProperty("associatedVouchersDeductedFirst").GetBoolean());
    }

    [Fact]
    public async Task Invalid_settings_bodies_are_400()
    {
        var s = new Scenario(app);

        await s.Partner.PutAsync("/api/settings", new { }).Problem(HttpStatusCode.BadRequest, "request.field_required");
        await s.Partner.PutAsync("/api/settings", new { associatedVouchersDeductedFirst = "no" }).Problem(HttpStatusCode.BadRequest, "request.field_invalid");
    }
}
