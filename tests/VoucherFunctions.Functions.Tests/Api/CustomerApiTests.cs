using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class CustomerApiTests(AppHostFixture app)
{
    [Fact]
    public async Task A_partner_registers_customers_gets_and_lists_them()
    {
        var s = new Scenario(app);

        var created = await s.Partner.PostAsync("/api/customers", new { uin = "100200300", groupModeRole = "member", organizationMode = true }).Json(HttpStatusCode.Created);
        await s.CustomerAsync("100200301");

        Assert.Equal("100200300", created.Str("uin"));
        Assert.Equal("member", created.Str("groupModeRole"));
        Assert.True(created.GetProperty("inGroupMode").GetBoolean());
        var got = await s.Partner.GetAsync("/api/customers/100200300").Json(HttpStatusCode.OK);
        Assert.True(got.GetProperty("organizationMode").GetBoolean());
        var list = await s.Partner.GetAsync("/api/customers?pageSize=1").Json(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        var next = await s.Partner.GetAsync("/api/customers?pageSize=1&continuationToken=" + Uri.EscapeDataString(list.Str("continuationToken"))).Json(HttpStatusCode.OK);
        Assert.Equal("100200301", next.GetProperty("items")[0].Str("uin"));
    }

    [Fact]
    public async Task Registering_the_same_uin_twice_is_409()
    {
        var s = new Scenario(app);
        await s.CustomerAsync("dup-1");

        await s.Partner.PostAsync("/api/customers", new { uin = "dup-1" }).Problem(HttpStatusCode.Conflict, "resource.already_exists");
    }

    [Theory]
    [InlineData("{}", "request.field_required", "uin")]
    [InlineData("{\"uin\":\"a/b\"}", "id.invalid", "uin")]
    [InlineData("{\"uin\":\"u1\",\"groupModeRole\":\"boss\"}", "request.field_invalid", "groupModeRole")]
    [InlineData("{\"uin\":\"u1\",\"colour\":\"red\"}", "request.unknown_field", null)]
    [InlineData("{\"uin\":", "request.malformed_json", null)]
    public async Task Invalid_bodies_are_400_with_their_code(string body, string code, string? field)
    {
        var s = new Scenario(app);

        var problem = await s.Partner.PostRawAsync("/api/customers", body).Problem(HttpStatusCode.BadRequest, code);

        if (field is not null)
        {
            Assert.Equal(field, problem.Str("field"));
        }
    }

    [Fact]
    public async Task Unknown_customer_is_404_and_page_size_out_of_range_is_400()
    {
        var s = new Scenario(app);

        await s.Partner.GetAsync("/api/customers/nobody").Problem(HttpStatusCode.NotFound, "resource.not_found");
        await s.Partner.GetAsync("/api/customers?pageSize=0").Problem(HttpStatusCode.BadRequest, "page.size_invalid");
        await s.Partner.GetAsync("/api/customers?pageSize=101").Problem(HttpStatusCode.BadRequest, "page.size_invalid");
    }

    [Fact]
    public async Task A_customer_that_joins_a_group_can_no_longer_receive_customer_vouchers()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var updated = await s.Partner.PutAsync($"/api/customers/{uin}", new { groupModeRole = "administrator" }).Json(HttpStatusCode.OK);

        Assert.Equal("administrator", updated.Str("groupModeRole"));
        Assert.False(updated.GetProperty("organizationMode").GetBoolean());
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin } }).Problem(HttpStatusCode.UnprocessableEntity, "customer.group_mode_not_supported");
        await s.Partner.PutAsync("/api/customers/nobody", new { groupModeRole = "none" }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await new Scenario(app).Partner.PutAsync($"/api/customers/{uin}", new { groupModeRole = "none" }).Problem(HttpStatusCode.NotFound, "resource.not_found");
    }
}
