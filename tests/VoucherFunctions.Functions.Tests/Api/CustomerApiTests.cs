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

        var created = await s.Partner.PostAsync("/api/customers", new { uin = "100200300", name = "  Acme Ltd.  ", groupModeRole = "member", organizationMode = true }).Json(HttpStatusCode.Created);
        await s.CustomerAsync("100200301", name: "Globex");

        Assert.Equal("100200300", created.Str("uin"));
        Assert.Equal("Acme Ltd.", created.Str("name"));
        Assert.Equal("member", created.Str("groupModeRole"));
        Assert.True(created.GetProperty("inGroupMode").GetBoolean());
        var got = await s.Partner.GetAsync("/api/customers/100200300").Json(HttpStatusCode.OK);
        Assert.True(got.GetProperty("organizationMode").GetBoolean());
        Assert.Equal("Acme Ltd.", got.Str("name"));
        var list = await s.Partner.GetAsync("/api/customers?pageSize=1").Json(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        Assert.Equal("Acme Ltd.", list.GetProperty("items")[0].Str("name"));
        var next = await s.Partner.GetAsync("/api/customers?pageSize=1&continuationToken=" + Uri.EscapeDataString(list.Str("continuationToken"))).Json(HttpStatusCode.OK);
        Assert.Equal("100200301", next.GetProperty("items")[0].Str("uin"));
        Assert.Equal("Globex", next.GetProperty("items")[0].Str("name"));
    }

    [Fact]
    public async Task Registering_the_same_uin_twice_is_409()
    {
        var s = new Scenario(app);
        await s.CustomerAsync("dup-1");

        await s.Partner.PostAsync("/api/customers", new { uin = "dup-1", name = "Again" }).Problem(HttpStatusCode.Conflict, "resource.already_exists");
    }

    [Theory]
    [InlineData("{}", "request.field_required", "uin")]
    [InlineData("{\"uin\":\"a/b\",\"name\":\"A\"}", "id.invalid", "uin")]
    [InlineData("{\"uin\":\"u1\"}", "request.field_required", "name")]
    [InlineData("{\"uin\":\"u1\",\"name\":\"  \"}", "request.field_required", "name")]
    [InlineData("{\"uin\":\"u1\",\"name\":\"A\\u0007B\"}", "customer.name_invalid", "name")]
    [InlineData("{\"uin\":\"u1\",\"name\":\"A\",\"groupModeRole\":\"boss\"}", "request.field_invalid", "groupModeRole")]
    [InlineData("{\"uin\":\"u1\",\"name\":\"A\",\"colour\":\"red\"}", "request.unknown_field", null)]
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
    public async Task A_name_longer_than_200_characters_is_400_on_create_and_update()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync(name: new string('n', 200));

        var problem = await s.Partner.PostAsync("/api/customers", new { uin = "long-name", name = new string('n', 201) }).Problem(HttpStatusCode.BadRequest, "customer.name_invalid");
        Assert.Equal("name", problem.Str("field"));
        await s.Partner.PutAsync($"/api/customers/{uin}", new { name = new string('n', 201) }).Problem(HttpStatusCode.BadRequest, "customer.name_invalid");
        await s.Partner.PutAsync($"/api/customers/{uin}", new { name = " " }).Problem(HttpStatusCode.BadRequest, "customer.name_invalid");
        await s.Partner.GetAsync("/api/customers/long-name").Problem(HttpStatusCode.NotFound, "resource.not_found");
        Assert.Equal(new string('n', 200), (await s.Partner.GetAsync($"/api/customers/{uin}").Json(HttpStatusCode.OK)).Str("name"));
    }

    [Fact]
    public async Task Renaming_a_customer_keeps_its_other_settings()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync(groupModeRole: "member", organizationMode: true, name: "Old name");

        var renamed = await s.Partner.PutAsync($"/api/customers/{uin}", new { name = " New name " }).Json(HttpStatusCode.OK);

        Assert.Equal("New name", renamed.Str("name"));
        Assert.Equal("member", renamed.Str("groupModeRole"));
        Assert.True(renamed.GetProperty("organizationMode").GetBoolean());
        var regrouped = await s.Partner.PutAsync($"/api/customers/{uin}", new { groupModeRole = "none" }).Json(HttpStatusCode.OK);
        Assert.Equal("New name", regrouped.Str("name"));
        Assert.Equal("New name", (await s.Partner.GetAsync($"/api/customers/{uin}").Json(HttpStatusCode.OK)).Str("name"));
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
