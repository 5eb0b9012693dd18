using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Webhooks;

/// <summary>Registering and managing webhooks through the real routes: the secret once, idempotency, validation, ETags, isolation, roles.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookApiTests(WebhookHostFixture app)
{
    private const string Url = "http://127.0.0.1:9/hook";

    private static string NewPartner() => "p-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Registration_answers_the_secret_once_and_a_repeat_with_the_same_key_answers_the_same_webhook()
    {
        var partner = app.As(NewPartner(), "reseller");
        var key = Guid.NewGuid().ToString("N");
        var body = new { url = Url, eventTypes = new[] { "voucher.issued", "bill.applied" }, description = "ERP connector" };

        var created = await partner.PostAsync("/api/webhooks", body, key).Json(HttpStatusCode.Created);
        var repeat = await partner.PostAsync("/api/webhooks", body, key);
        var other = await partner.PostAsync("/api/webhooks", new { url = Url, eventTypes = new[] { "bill.applied" } }, key);

        var secret = created.Str("secret");
        var webhookId = created.GetProperty("webhook").Str("webhookId");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal(secret, (await repeat.Json(HttpStatusCode.Created)).Str("secret"));
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        await other.Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");

        var got = await partner.GetAsync($"/api/webhooks/{webhookId}");
        var text = await got.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret\"", text, StringComparison.OrdinalIgnoreCase);
        var list = await partner.GetAsync("/api/webhooks").Json(HttpStatusCode.OK);
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("ERP connector", listed.Str("description"));
        Assert.Equal("partner", listed.Str("owner"));
        Assert.Equal("healthy", listed.Str("health"));
        Assert.Equal(new[] { "voucher.issued", "bill.applied" }, listed.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()!));
        await partner.PostAsync("/api/webhooks", body, idempotencyKey: null).Problem(HttpStatusCode.BadRequest, "idempotency.key_required");
    }

    /// <summary>(what, JSON body, code, field).</summary>
    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "not a URL", """{"url":"hook","eventTypes":["voucher.issued"]}""", "webhook.url_invalid", "url" },
        { "ftp", """{"url":"ftp://example.com/hook","eventTypes":["voucher.issued"]}""", "webhook.url_invalid", "url" },
        { "user info", """{"url":"http://user:pw@127.0.0.1/hook","eventTypes":["voucher.issued"]}""", "webhook.url_invalid", "url" },
        { "too long", $$"""{"url":"http://127.0.0.1/{{new string('a', 2100)}}","eventTypes":["voucher.issued"]}""", "webhook.url_invalid", "url" },
        { "no URL", """{"eventTypes":["voucher.issued"]}""", "request.field_required", "url" },
        { "no types field", """{"url":"http://127.0.0.1:9/hook"}""", "request.field_required", "eventTypes" },
        { "no types", """{"url":"http://127.0.0.1:9/hook","eventTypes":[]}""", "webhook.event_types_invalid", "eventTypes" },
        { "unknown type", """{"url":"http://127.0.0.1:9/hook","eventTypes":["voucher.created"]}""", "webhook.event_types_invalid", "eventTypes" },
        { "type twice", """{"url":"http://127.0.0.1:9/hook","eventTypes":["bill.applied","bill.applied"]}""", "webhook.event_types_invalid", "eventTypes" },
        { "type case", """{"url":"http://127.0.0.1:9/hook","eventTypes":["Bill.Applied"]}""", "webhook.event_types_invalid", "eventTypes" },
        { "long description", $$"""{"url":"http://127.0.0.1:9/hook","eventTypes":["bill.applied"],"description":"{{new string('d', 501)}}"}""", "webhook.description_invalid", "description" },
        { "control character", """{"url":"http://127.0.0.1:9/hook","eventTypes":["bill.applied"],"description":"a\u0007b"}""", "webhook.description_invalid", "description" },
        { "unresolvable host", """{"url":"http://no-such-host.invalid/hook","eventTypes":["bill.applied"]}""", "webhook.url_refused", "url" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_registration_is_refused_with_a_problem_naming_the_field_and_creates_nothing(string what, string body, string code, string field)
    {
        var partner = app.As(NewPartner(), "reseller");

        var response = await partner.PostRawAsync("/api/webhooks", body);

        var problem = await response.Problem(code == "webhook.url_refused" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.BadRequest, code);
        Assert.True(problem.Str("field") == field, what);
        Assert.Empty((await partner.GetAsync("/api/webhooks").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_edit_needs_the_current_ETag_and_keeps_the_secret()
    {
        var partner = app.As(NewPartner(), "distributor");
        var (webhookId, _) = await partner.RegisterAsync(Url, "bill.applied");
        var got = await partner.GetAsync($"/api/webhooks/{webhookId}");
        var etag = got.Headers.ETag!.ToString();

        var edited = await partner.PutAsync($"/api/webhooks/{webhookId}", new { url = "http://127.0.0.1:10/new", eventTypes = new[] { "bill.rejected" }, description = "v2", enabled = false }, etag);
        var stale = await partner.PutAsync($"/api/webhooks/{webhookId}", new { url = Url, eventTypes = new[] { "bill.applied" } }, etag);
        var missing = await partner.PutAsync($"/api/webhooks/{webhookId}", new { url = Url, eventTypes = new[] { "bill.applied" } });

        var body = await edited.Json(HttpStatusCode.OK);
        Assert.Equal("http://127.0.0.1:10/new", body.Str("url"));
        Assert.False(body.GetProperty("enabled").GetBoolean());
        Assert.NotEqual(etag, edited.Headers.ETag!.ToString());
        await stale.Problem(HttpStatusCode.PreconditionFailed, "precondition.failed");
        await missing.Problem(HttpStatusCode.PreconditionRequired, "precondition.required");
    }

    [Fact]
    public async Task Another_partners_webhook_is_a_404_for_every_operation_and_never_listed()
    {
        var owner = app.As(NewPartner(), "reseller");
        var intruder = app.As(NewPartner(), "reseller");
        var (webhookId, _) = await owner.RegisterAsync(Url, "webhook.test");
        var test = await owner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);
        var deliveryId = test.Str("deliveryId");
        var etag = (await owner.GetAsync($"/api/webhooks/{webhookId}")).Headers.ETag!.ToString();

        HttpResponseMessage[] answers =
        [
            await intruder.GetAsync($"/api/webhooks/{webhookId}"),
            await intruder.PutAsync($"/api/webhooks/{webhookId}", new { url = Url, eventTypes = new[] { "bill.applied" } }, etag),
            await intruder.DeleteAsync($"/api/webhooks/{webhookId}"),
            await intruder.PostAsync($"/api/webhooks/{webhookId}/rotate-secret", null),
            await intruder.PostAsync($"/api/webhooks/{webhookId}/test", null),
            await intruder.GetAsync($"/api/webhooks/{webhookId}/deliveries"),
            await intruder.GetAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}"),
            await intruder.PostAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", null),
            await app.ChannelManager().GetAsync($"/api/webhooks/{webhookId}"),
        ];

        foreach (var answer in answers)
        {
            await answer.Problem(HttpStatusCode.NotFound, "resource.not_found");
        }

        Assert.Empty((await intruder.GetAsync("/api/webhooks").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(webhookId, await (await app.ChannelManager().GetAsync("/api/webhooks")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await owner.GetAsync($"/api/webhooks/{webhookId}/deliveries/{deliveryId}").Json(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("reviewer")]
    [InlineData("customer")]
    public async Task Reviewers_and_customers_may_not_touch_webhooks(string role)
    {
        var client = app.WithRoles(role);
        HttpResponseMessage[] answers =
        [
            await client.PostAsync("/api/webhooks", new { url = Url, eventTypes = new[] { "bill.applied" } }),
            await client.GetAsync("/api/webhooks"),
            await client.GetAsync("/api/webhooks/wh_x"),
            await client.PutAsync("/api/webhooks/wh_x", new { url = Url }, "\"x\""),
            await client.DeleteAsync("/api/webhooks/wh_x"),
            await client.PostAsync("/api/webhooks/wh_x/rotate-secret", null),
            await client.PostAsync("/api/webhooks/wh_x/test", null),
            await client.GetAsync("/api/webhooks/wh_x/deliveries"),
            await client.GetAsync("/api/webhooks/wh_x/deliveries/d"),
            await client.PostAsync("/api/webhooks/wh_x/deliveries/d/redeliver", null),
        ];

        foreach (var answer in answers)
        {
            await answer.Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        }

        await app.WithToken(null).GetAsync("/api/webhooks").Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Each_partner_role_and_the_channel_manager_keep_webhooks_and_an_owner_has_at_most_20()
    {
        foreach (var role in new[] { "reseller", "distributor" })
        {
            await app.As(NewPartner(), role).RegisterAsync(Url, "bill.applied");
        }

        var slr = app.WithToken(app.Tokens.Mint(new VoucherFunctions.LocalHost.LocalAuth.TokenRequest(["second-level-reseller"], NewPartner(), DistributorId: "d-1")));
        await slr.RegisterAsync(Url, "quota.allocated");
        var partner = app.As(NewPartner(), "reseller");
        for (var i = 0; i < 20; i++)
        {
            await partner.RegisterAsync(Url, "bill.applied");
        }

        await partner.PostAsync("/api/webhooks", new { url = Url, eventTypes = new[] { "bill.applied" } }).Problem(HttpStatusCode.UnprocessableEntity, "webhook.limit_reached");
    }
}
