using System.Net;
using System.Text.Json;
using VoucherFunctions.Functions.Tests.Api.Approval;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>
/// Every free-text field through its real route: past its limit, or with a control character, it is a 400 with
/// the field's own code and the field named, and nothing is stored; at its limit, trimmed, it is accepted.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FreeTextApiTests(AppHostFixture app)
{
    private const string Nul = "A\u0000B";
    private const string Esc = "A\u001b[31mB";

    [Theory]
    [InlineData("name", 101)]
    [InlineData("name", 100_000)]
    [InlineData("note", 1001)]
    [InlineData("note", 40_000)]
    public async Task A_template_text_over_its_limit_is_refused_with_the_fields_code(string field, int length)
    {
        var s = new Scenario(app);
        var body = Template(field, new string('x', length));

        var problem = await s.Partner.PostAsync("/api/templates", body).Problem(HttpStatusCode.BadRequest, $"template.{field}_invalid");

        Assert.Equal(field, problem.Str("field"));
        Assert.Equal(0, (await s.Partner.GetAsync("/api/templates").Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("name", Nul)]
    [InlineData("name", Esc)]
    [InlineData("name", "two\nlines")]
    [InlineData("note", Nul)]
    [InlineData("note", Esc)]
    [InlineData("note", "A\u202eB")]
    public async Task A_template_text_with_a_control_character_is_refused_on_create_and_on_edit(string field, string value)
    {
        var s = new Scenario(app);

        await s.Partner.PostAsync("/api/templates", Template(field, value)).Problem(HttpStatusCode.BadRequest, $"template.{field}_invalid");

        var created = await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate());
        var template = await created.Json(HttpStatusCode.Created);
        var edit = await s.Partner.PutAsync($"/api/templates/{template.Str("templateId")}", Without(Template(field, value), "family"), created.Headers.ETag!.ToString());
        await edit.Problem(HttpStatusCode.BadRequest, $"template.{field}_invalid");
    }

    [Fact]
    public async Task A_lone_surrogate_escaped_in_the_json_is_refused_by_the_json_reader_already()
    {
        var s = new Scenario(app);
        var json = JsonSerializer.Serialize(Template("note", "NOTE")).Replace("NOTE", "lone \\ud800 surrogate", StringComparison.Ordinal);

        var problem = await s.Partner.PostRawAsync("/api/templates", json).Problem(HttpStatusCode.BadRequest, "request.field_invalid");

        Assert.Equal("note", problem.Str("field"));
    }

    [Fact]
    public async Task Template_texts_at_their_limit_are_trimmed_and_notes_keep_line_breaks_and_tabs()
    {
        var s = new Scenario(app);
        var note = "line one\r\nline two\n\tindented";
        var body = Template("name", "  " + new string('n', 100) + "  ");
        body["note"] = " " + note + " ";

        var template = await s.Partner.PostAsync("/api/templates", body).Json(HttpStatusCode.Created);

        Assert.Equal(new string('n', 100), template.Str("name"));
        Assert.Equal(note, template.Str("note"));
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(40_000)]
    public async Task A_customer_voucher_note_over_its_limit_is_refused_and_issues_nothing(int length)
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var problem = await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "10", note = new string('x', length) })
            .Problem(HttpStatusCode.BadRequest, "voucher.note_invalid");

        Assert.Equal("note", problem.Str("field"));
        Assert.Equal(0, (await s.Partner.GetAsync("/api/customer-vouchers").Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_customer_voucher_note_with_a_control_character_is_refused()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "10", note = Nul })
            .Problem(HttpStatusCode.BadRequest, "voucher.note_invalid");
        var issued = await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "10", note = " two\nlines " }).Json(HttpStatusCode.Created);
        Assert.Equal("two\nlines", issued.GetProperty("vouchers")[0].Str("note"));
    }

    [Theory]
    [InlineData("name", 101, "voucher.name_invalid")]
    [InlineData("name", 100_000, "voucher.name_invalid")]
    [InlineData("note", 1001, "voucher.note_invalid")]
    [InlineData("note", 60_000, "voucher.note_invalid")]
    public async Task A_type_i_grant_text_over_its_limit_is_refused(string field, int length, string code)
    {
        var partner = new Scenario(app);
        var grant = Grant();
        grant[field] = new string('x', length);

        var problem = await app.AsVendor("channel-manager").PostAsync($"/api/channel/partners/{partner.PartnerId}/general-vouchers", grant).Problem(HttpStatusCode.BadRequest, code);

        Assert.Equal(field, problem.Str("field"));
        Assert.Equal(0, (await partner.Partner.GetAsync("/api/partner-vouchers").Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("name", Nul, "voucher.name_invalid")]
    [InlineData("name", Esc, "voucher.name_invalid")]
    [InlineData("note", Nul, "voucher.note_invalid")]
    public async Task A_type_i_grant_text_with_a_control_character_is_refused(string field, string value, string code)
    {
        var partner = new Scenario(app);
        var grant = Grant();
        grant[field] = value;

        await app.AsVendor("channel-manager").PostAsync($"/api/channel/partners/{partner.PartnerId}/general-vouchers", grant).Problem(HttpStatusCode.BadRequest, code);
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(-1)]
    public async Task An_apply_reason_over_its_limit_or_with_a_control_character_is_refused(int length)
    {
        var trial = new TrialScenario(app);
        var uin = await trial.Partner.CustomerAsync();
        var templateId = await trial.Partner.TemplateIdAsync(TrialScenario.PartnerTemplate());
        var reason = length < 0 ? Esc : new string('r', length);

        var problem = await trial.Partner.Partner.PostAsync("/api/applications", new { templateId, customerUins = new[] { uin }, acknowledged = true, applyReason = reason })
            .Problem(HttpStatusCode.BadRequest, "application.apply_reason_invalid");

        Assert.Equal("applyReason", problem.Str("field"));
        Assert.Equal(0, (await trial.Partner.Partner.GetAsync("/api/applications").Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_reject_reason_over_its_limit_or_with_a_control_character_is_refused_and_the_application_stays_pending()
    {
        var trial = new TrialScenario(app);
        var application = await trial.ApplyAsync();
        var path = trial.DecisionPath(application, "reject");

        await trial.Reviewer.PostAsync(path, new { reason = new string('r', 1001) }).Problem(HttpStatusCode.BadRequest, "application.reject_reason_invalid");
        var problem = await trial.Reviewer.PostAsync(path, new { reason = Nul }).Problem(HttpStatusCode.BadRequest, "application.reject_reason_invalid");

        Assert.Equal("reason", problem.Str("field"));
        var stored = await trial.Partner.Partner.GetAsync($"/api/applications/{application.Str("applicationId")}").Json(HttpStatusCode.OK);
        Assert.Equal("pendingApproval", stored.Str("status"));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(-1)]
    public async Task A_product_name_over_its_limit_or_with_a_control_character_is_refused(int length)
    {
        var code = "prod-" + Guid.NewGuid().ToString("N")[..8];
        var name = length < 0 ? Esc : new string('x', length);

        var problem = await app.AsVendor("channel-manager").PutAsync($"/api/catalogue/products/{code}", new { name }).Problem(HttpStatusCode.BadRequest, "product.name_invalid");

        Assert.Equal("name", problem.Str("field"));
        await app.AsVendor("channel-manager").GetAsync($"/api/catalogue/products/{code}").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_customer_name_over_its_limit_or_with_a_control_character_is_refused()
    {
        var s = new Scenario(app);

        await s.Partner.PostAsync("/api/customers", new { uin = "u-long", name = new string('n', 100_000) }).Problem(HttpStatusCode.BadRequest, "customer.name_invalid");
        await s.Partner.PostAsync("/api/customers", new { uin = "u-esc", name = Esc }).Problem(HttpStatusCode.BadRequest, "customer.name_invalid");
    }

    private static Dictionary<string, object?> Template(string field, string value)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(Scenario.CustomerTemplate()))!;
        body[field] = value;
        return body;
    }

    private static Dictionary<string, object?> Without(Dictionary<string, object?> body, string field)
    {
        body.Remove(field);
        return body;
    }

    private static Dictionary<string, object?> Grant() => new()
    {
        ["name"] = "Launch credit",
        ["note"] = "for the launch",
        ["amount"] = "1000",
        ["currency"] = "USD",
        ["productScope"] = new { kind = "allProducts" },
        ["paymentModeScope"] = "all",
        ["validity"] = new { days = 90 },
    };
}
