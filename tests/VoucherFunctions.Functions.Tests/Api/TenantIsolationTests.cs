using System.Net;
using System.Text.Json;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>
/// Partner B tries every id of partner A it could learn (customer UIN, template, vouchers, trial pair) in the
/// route, the body and the query. Each answer is 404 (or an empty result) and carries none of A's data.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TenantIsolationTests(AppHostFixture app)
{
    [Fact]
    public async Task Partner_b_gets_404_and_no_data_for_every_id_of_partner_a()
    {
        var a = new Scenario(app);
        var (voucherA, uinA, templateA) = await a.VoucherAsync("77.7");
        var (partnerVoucherA, trialA) = await app.TrialPairAsync(a.PartnerId, uinA);
        await app.BillAsync(a.PartnerId, uinA, DateTimeOffset.UtcNow, ("cvm", "1"));
        var editableA = await a.TemplateIdAsync(Scenario.CustomerTemplate(name: "A private"));
        var etagA = (await a.Partner.GetAsync($"/api/templates/{editableA}")).Headers.ETag!.ToString();
        var b = new Scenario(app);
        var templateB = await b.TemplateIdAsync(Scenario.CustomerTemplate(name: "B own"));
        var uinB = await b.CustomerAsync();
        var secrets = new[] { voucherA, uinA, templateA, partnerVoucherA, trialA, editableA, "77.7", "A private" };

        async Task NotFound(Task<HttpResponseMessage> call)
        {
            var response = await call;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {text}");
            var body = JsonDocument.Parse(text).RootElement;
            Assert.False(body.GetProperty("detail").GetString()!.Contains(a.PartnerId, StringComparison.Ordinal));
        }

        // Route.
        await NotFound(b.Partner.GetAsync($"/api/customers/{uinA}"));
        await NotFound(b.Partner.GetAsync($"/api/templates/{templateA}"));
        await NotFound(b.Partner.PutAsync($"/api/templates/{editableA}", Scenario.CustomerTemplate(name: "hijack"), etagA));
        await NotFound(b.Partner.GetAsync($"/api/customer-vouchers/{voucherA}"));
        await NotFound(b.Partner.GetAsync($"/api/customer-vouchers/{trialA}"));
        await NotFound(b.Partner.GetAsync($"/api/customer-vouchers/{trialA}/associated"));
        await NotFound(b.Partner.PostAsync($"/api/customer-vouchers/{voucherA}/withdraw", null));
        await NotFound(b.Partner.GetAsync($"/api/vouchers/{voucherA}/usage"));
        await NotFound(b.Partner.GetAsync($"/api/vouchers/{voucherA}/usage?format=csv"));
        await NotFound(b.Partner.GetAsync($"/api/vouchers/{partnerVoucherA}/usage"));

        // Body.
        await NotFound(b.Partner.PostAsync("/api/customer-vouchers", new { templateId = templateA, customerUins = new[] { uinB } }));
        await NotFound(b.Partner.PostAsync("/api/customer-vouchers", new { templateId = templateB, customerUins = new[] { uinA } }));

        // Query: empty results, never A's rows.
        var responses = new List<string>
        {
            await (await b.Partner.GetAsync($"/api/customer-vouchers?customerUin={uinA}")).Content.ReadAsStringAsync(),
            await (await b.Partner.GetAsync("/api/customer-vouchers")).Content.ReadAsStringAsync(),
            await (await b.Partner.GetAsync("/api/templates?name=A")).Content.ReadAsStringAsync(),
            await (await b.Partner.GetAsync("/api/templates")).Content.ReadAsStringAsync(),
            await (await b.Partner.GetAsync("/api/customers")).Content.ReadAsStringAsync(),
            await (await b.Partner.GetAsync($"/api/customer-voucher-summary?customerUins={uinA}")).Content.ReadAsStringAsync(),
        };
        var summary = JsonDocument.Parse(responses[^1]).RootElement.GetProperty("customers")[0];
        Assert.Equal(0, summary.GetProperty("count").GetInt32());
        Assert.Equal("0", summary.Str("total"));
        Assert.All(responses.Take(3), text => Assert.Contains("\"items\":[]", text, StringComparison.Ordinal));
        foreach (var text in responses.SkipLast(1))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        // A's data is untouched by B's attempts.
        var still = await a.Partner.GetAsync($"/api/customer-vouchers/{voucherA}").Json(HttpStatusCode.OK);
        Assert.Equal("active", still.Str("status"));
        var template = await a.Partner.GetAsync($"/api/templates/{editableA}").Json(HttpStatusCode.OK);
        Assert.Equal("A private", template.Str("name"));
    }

    [Fact]
    public async Task A_page_token_of_partner_a_opens_nothing_for_partner_b()
    {
        var a = new Scenario(app);
        await a.CustomerAsync();
        await a.CustomerAsync();
        var page = await a.Partner.GetAsync("/api/customers?pageSize=1").Json(HttpStatusCode.OK);
        var token = page.Str("continuationToken");

        var b = new Scenario(app);
        var response = await b.Partner.GetAsync("/api/customers?pageSize=1&continuationToken=" + Uri.EscapeDataString(token));

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var items = (await response.Json(HttpStatusCode.OK)).GetProperty("items");
            Assert.Equal(0, items.GetArrayLength());
        }
        else
        {
            await response.Problem(HttpStatusCode.BadRequest, "page.token_invalid");
        }
    }
}
