using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class TemplateApiTests(AppHostFixture app)
{
    [Fact]
    public async Task An_absolute_end_in_the_past_is_refused_at_creation_and_on_edit()
    {
        var s = new Scenario(app);
        var past = Template("validity", new JsonObject { ["end"] = DateTimeOffset.UtcNow.AddMinutes(-1) });

        var problem = await s.Partner.PostAsync("/api/templates", past).Problem((HttpStatusCode)422, "template.validity_already_ended");

        Assert.Equal("validity.end", problem.Str("field"));
        Assert.Equal(0, (await s.Partner.GetAsync("/api/templates").Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        var created = await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate());
        var id = (await created.Json(HttpStatusCode.Created)).Str("templateId");
        await s.Partner.PutAsync($"/api/templates/{id}", past, created.Headers.ETag!.ToString()).Problem((HttpStatusCode)422, "template.validity_already_ended");
        past["validity"] = new JsonObject { ["end"] = DateTimeOffset.UtcNow.AddDays(10) };
        await s.Partner.PutAsync($"/api/templates/{id}", past, created.Headers.ETag!.ToString()).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_get_and_edit_with_the_etag()
    {
        var s = new Scenario(app);

        var response = await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(amount: "12.34567891", productScope: new { kind = "allowList", products = new[] { "cvm", "cbs" } }));
        var created = await response.Json(HttpStatusCode.Created);
        var etag = response.Headers.ETag!.ToString();

        var id = created.Str("templateId");
        Assert.Equal("customerDiscount", created.Str("purpose"));
        Assert.Equal("12.34567891", created.Str("defaultAmount"));
        Assert.Equal("USD", created.Str("currency"));
        Assert.Equal("allowList", created.GetProperty("productScope").Str("kind"));
        Assert.Equal(["cbs", "cvm"], created.GetProperty("productScope").GetProperty("products").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(30, created.GetProperty("validity").GetProperty("days").GetInt32());
        Assert.False(created.GetProperty("locked").GetBoolean());

        var get = await s.Partner.GetAsync($"/api/templates/{id}");
        Assert.Equal(etag, get.Headers.ETag!.ToString());

        var edited = await s.Partner.PutAsync($"/api/templates/{id}", Scenario.CustomerTemplate(name: "Summer", amount: "7"), etag);
        var body = await edited.Json(HttpStatusCode.OK);
        Assert.Equal("Summer", body.Str("name"));
        Assert.Equal("7", body.Str("defaultAmount"));
        Assert.NotEqual(etag, edited.Headers.ETag!.ToString());

        await s.Partner.PutAsync($"/api/templates/{id}", Scenario.CustomerTemplate(name: "Stale"), etag).Problem(HttpStatusCode.PreconditionFailed, "precondition.failed");
        await s.Partner.PutAsync($"/api/templates/{id}", Scenario.CustomerTemplate(name: "No etag")).Problem(HttpStatusCode.PreconditionRequired, "precondition.required");
        await s.Partner.PutAsync($"/api/templates/{id}", Scenario.CustomerTemplate(name: "Garbage"), "\"x\"").Problem(HttpStatusCode.PreconditionFailed, "precondition.failed");
    }

    [Fact]
    public async Task A_partner_voucher_template_defaults_to_product_trial_and_numbers_are_accepted_as_amounts()
    {
        var s = new Scenario(app);

        var created = await s.Partner.PostRawAsync("/api/templates",
            """{"family":"partnerVoucher","name":"Trial","defaultAmount":50.5,"currency":"USD","productScope":{"kind":"blockList","products":["gpu"]},"paymentModeScope":"postpaid","validity":{"end":"2099-01-01T00:00:00Z"}}""")
            .Json(HttpStatusCode.Created);

        Assert.Equal("productTrial", created.Str("purpose"));
        Assert.Equal("50.5", created.Str("defaultAmount"));
        Assert.Equal("partnerVoucher", created.Str("family"));
        Assert.Equal("postpaid", created.Str("paymentModeScope"));
    }

    /// <summary>
    /// A valid customer-voucher template body (the one <see cref="Scenario.CustomerTemplate"/> sends) with
    /// <paramref name="field"/> set to <paramref name="value"/>, or removed when the value is null.
    /// </summary>
    private static JsonObject Template(string field, JsonNode? value)
    {
        var body = JsonSerializer.SerializeToNode(Scenario.CustomerTemplate(name: "x", amount: "1", days: 1))!.AsObject();
        if (value is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = value;
        }

        return body;
    }

    private static string Invalid(string field, JsonNode? value) => Template(field, value).ToJsonString();

    public static TheoryData<string, int, string, string?> InvalidTemplates() => new()
    {
        { Invalid("family", null), 400, "request.field_required", "family" },
        { Invalid("name", null), 400, "request.field_required", "name" },
        { Invalid("defaultAmount", "1.123456789"), 400, "money.too_many_fraction_digits", "defaultAmount" },
        { Invalid("defaultAmount", "abc"), 400, "money.malformed", "defaultAmount" },
        { Invalid("defaultAmount", "0"), 400, "money.not_positive", "defaultAmount" },
        { Invalid("currency", "usd"), 400, "money.currency_invalid", "currency" },
        { Invalid("productScope", new JsonObject { ["kind"] = "allowList", ["products"] = new JsonArray() }), 400, "scope.product_scope_invalid", "productScope" },
        { Invalid("validity", new JsonObject { ["days"] = 0 }), 400, "template.validity_invalid", "validity" },
        { Invalid("validity", new JsonObject()), 400, "request.field_invalid", "validity" },
        { Invalid("purpose", "productTrial"), 422, "template.purpose_not_allowed", null },
        { Invalid("name", ""), 400, "request.field_required", "name" },
    };

    [Theory]
    [MemberData(nameof(InvalidTemplates))]
    public async Task Each_validation_error_has_its_code(string body, int status, string code, string? field)
    {
        var s = new Scenario(app);

        var problem = await s.Partner.PostRawAsync("/api/templates", body).Problem((HttpStatusCode)status, code);

        if (field is not null)
        {
            Assert.Equal(field, problem.Str("field"));
        }
    }

    [Fact]
    public async Task Templates_are_queried_by_condition_with_paging()
    {
        var s = new Scenario(app);
        await s.TemplateAsync(Scenario.CustomerTemplate(name: "Alpha one"));
        await s.TemplateAsync(Scenario.CustomerTemplate(name: "Alpha two", productScope: new { kind = "allowList", products = new[] { "cvm" } }));
        await s.TemplateAsync(Scenario.CustomerTemplate(name: "Beta"));

        var alpha = await s.Partner.GetAsync("/api/templates?name=Alpha").Json(HttpStatusCode.OK);
        var allow = await s.Partner.GetAsync("/api/templates?productScope=allowList&family=customerVoucher").Json(HttpStatusCode.OK);
        var unlocked = await s.Partner.GetAsync("/api/templates?locked=false&createdFrom=2020-01-01T00:00:00Z").Json(HttpStatusCode.OK);
        var none = await s.Partner.GetAsync("/api/templates?purpose=productTrial").Json(HttpStatusCode.OK);

        Assert.Equal(2, alpha.GetProperty("items").GetArrayLength());
        Assert.Equal("Alpha two", allow.GetProperty("items")[0].Str("name"));
        Assert.Equal(1, allow.GetProperty("items").GetArrayLength());
        Assert.Equal(3, unlocked.GetProperty("items").GetArrayLength());
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        await s.Partner.GetAsync("/api/templates?locked=maybe").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
    }

    [Fact]
    public async Task A_replayed_create_returns_the_first_response_with_its_etag_and_location()
    {
        var s = new Scenario(app);

        var first = await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(), "tpl-replay-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        var replay = await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(), "tpl-replay-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, replay.Content.Headers.ContentType);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Creating_requires_an_idempotency_key_and_a_replay_returns_the_first_template()
    {
        var s = new Scenario(app);

        await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(), idempotencyKey: null).Problem(HttpStatusCode.BadRequest, "idempotency.key_required");
        await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(), idempotencyKey: "bad/key").Problem(HttpStatusCode.BadRequest, "idempotency.key_invalid");

        var first = await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(), "tpl-key-1").Json(HttpStatusCode.Created);
        var replay = await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(), "tpl-key-1");
        var replayed = await replay.Json(HttpStatusCode.Created);

        Assert.Equal(first.Str("templateId"), replayed.Str("templateId"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await s.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(name: "Other"), "tpl-key-1").Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        var all = await s.Partner.GetAsync("/api/templates").Json(HttpStatusCode.OK);
        Assert.Equal(1, all.GetProperty("items").GetArrayLength());

        // The key belongs to the partner: another partner may use the same key for its own template.
        var other = new Scenario(app);
        var theirs = await other.Partner.PostAsync("/api/templates", Scenario.CustomerTemplate(), "tpl-key-1").Json(HttpStatusCode.Created);
        await other.Partner.GetAsync($"/api/templates/{theirs.Str("templateId")}").Json(HttpStatusCode.OK);
        await other.Partner.GetAsync($"/api/templates/{first.Str("templateId")}").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }
}
