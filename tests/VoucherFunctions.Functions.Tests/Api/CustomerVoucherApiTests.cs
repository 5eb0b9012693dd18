using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class CustomerVoucherApiTests(AppHostFixture app)
{
    [Fact]
    public async Task Issue_to_several_customers_then_get_and_list_them()
    {
        var s = new Scenario(app);
        var a = await s.CustomerAsync();
        var b = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var issued = await s.IssueAsync(templateId, [a, b], "25.5");

        var vouchers = issued.GetProperty("vouchers");
        Assert.Equal(2, vouchers.GetArrayLength());
        var first = vouchers[0];
        Assert.Equal(a, first.Str("customerUin"));
        Assert.Equal("typeIII", first.Str("type"));
        Assert.Equal("customerDiscount", first.Str("purpose"));
        Assert.Equal("25.5", first.Str("amount"));
        Assert.Equal("25.5", first.Str("balance"));
        Assert.Equal("0", first.Str("usedAmount"));
        Assert.Equal("active", first.Str("status"));
        Assert.Equal("Unused", first.Str("vendorStatus"));
        Assert.Equal(templateId, first.Str("templateId"));

        var got = await s.Partner.GetAsync($"/api/customer-vouchers/{first.Str("voucherId")}").Json(HttpStatusCode.OK);
        Assert.Equal(a, got.Str("customerUin"));
        var all = await s.Partner.GetAsync("/api/customer-vouchers").Json(HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        var forB = await s.Partner.GetAsync($"/api/customer-vouchers?customerUin={b}&status=active&purpose=customerDiscount&paymentMode=prepaid&productScope=allProducts").Json(HttpStatusCode.OK);
        Assert.Equal(b, Assert.Single(forB.GetProperty("items").EnumerateArray()).Str("customerUin"));
        var expiringSoon = await s.Partner.GetAsync($"/api/customer-vouchers?expiresBefore={DateTimeOffset.UtcNow.AddDays(1):O}".Replace("+", "%2B", StringComparison.Ordinal)).Json(HttpStatusCode.OK);
        Assert.Equal(0, expiringSoon.GetProperty("items").GetArrayLength());
        var page = await s.Partner.GetAsync("/api/customer-vouchers?pageSize=1").Json(HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.NotNull(page.Str("continuationToken"));
    }

    [Fact]
    public async Task The_amount_defaults_to_the_template_and_accepts_a_json_number()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync(Scenario.CustomerTemplate(amount: "100"));

        var byDefault = await s.IssueAsync(templateId, [uin], amount: null);
        var asNumber = await s.Partner.PostRawAsync("/api/customer-vouchers", $$"""{"templateId":"{{templateId}}","customerUins":["{{uin}}"],"amount":0.00000001}""").Json(HttpStatusCode.Created);

        Assert.Equal("100", byDefault.GetProperty("vouchers")[0].Str("amount"));
        Assert.Equal("0.00000001", asNumber.GetProperty("vouchers")[0].Str("amount"));
    }

    [Fact]
    public async Task The_template_is_locked_after_its_first_issuance()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        await s.IssueAsync(templateId, [uin]);

        var get = await s.Partner.GetAsync($"/api/templates/{templateId}");
        var template = await get.Json(HttpStatusCode.OK);
        Assert.True(template.GetProperty("locked").GetBoolean());
        Assert.NotNull(template.Str("usedAt"));
        await s.Partner.PutAsync($"/api/templates/{templateId}", Scenario.CustomerTemplate(name: "Changed"), get.Headers.ETag!.ToString())
            .Problem(HttpStatusCode.Conflict, "template.locked");
        var locked = await s.Partner.GetAsync("/api/templates?locked=true").Json(HttpStatusCode.OK);
        Assert.Equal(templateId, Assert.Single(locked.GetProperty("items").EnumerateArray()).Str("templateId"));
        await s.IssueAsync(templateId, [uin]);
    }

    [Fact]
    public async Task Issuance_is_refused_for_group_mode_customers_and_product_trial_templates_and_strangers()
    {
        var s = new Scenario(app);
        var member = await s.CustomerAsync(groupModeRole: "member");
        var admin = await s.CustomerAsync(groupModeRole: "administrator");
        var ok = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();
        var trialTemplate = await s.TemplateIdAsync(new
        {
            family = "partnerVoucher", name = "Trial", defaultAmount = "10", currency = "USD",
            productScope = new { kind = "allProducts" }, paymentModeScope = "all", validity = new { days = 10 },
        });

        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { ok, member } }).Problem(HttpStatusCode.UnprocessableEntity, "customer.group_mode_not_supported");
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { admin } }).Problem(HttpStatusCode.UnprocessableEntity, "customer.group_mode_not_supported");
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId = trialTemplate, customerUins = new[] { ok } }).Problem(HttpStatusCode.UnprocessableEntity, "template.wrong_family");
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { "not-my-customer" } }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId = "no-such", customerUins = new[] { ok } }).Problem(HttpStatusCode.NotFound, "resource.not_found");

        // Nothing was issued and the template is still editable: refusals are all-or-nothing.
        var list = await s.Partner.GetAsync("/api/customer-vouchers").Json(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        var template = await s.Partner.GetAsync($"/api/templates/{templateId}").Json(HttpStatusCode.OK);
        Assert.False(template.GetProperty("locked").GetBoolean());
    }

    public static TheoryData<string, string, string> InvalidIssuances() => new()
    {
        { """{"customerUins":["u"]}""", "request.field_required", "templateId" },
        { """{"templateId":"t"}""", "request.field_required", "customerUins" },
        { """{"templateId":"t","customerUins":[]}""", "request.too_many_customers", "customerUins" },
        { """{"templateId":"t","customerUins":["a","a"]}""", "request.too_many_customers", "customerUins" },
        { """{"templateId":"TEMPLATE","customerUins":["UIN"],"amount":"1.000000001"}""", "money.too_many_fraction_digits", "amount" },
        { """{"templateId":"TEMPLATE","customerUins":["UIN"],"amount":"-5"}""", "money.not_positive", "amount" },
        { """{"templateId":"TEMPLATE","customerUins":["UIN"],"amount":true}""", "request.field_invalid", "amount" },
    };

    [Theory]
    [MemberData(nameof(InvalidIssuances))]
    public async Task Each_invalid_issuance_has_its_code(string body, string code, string field)
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var problem = await s.Partner.PostRawAsync("/api/customer-vouchers", body.Replace("TEMPLATE", templateId, StringComparison.Ordinal).Replace("UIN", uin, StringComparison.Ordinal))
            .Problem(HttpStatusCode.BadRequest, code);

        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task More_than_fifty_customers_in_one_issuance_is_refused()
    {
        var s = new Scenario(app);

        var uins = Enumerable.Range(0, 51).Select(i => $"u{i}").ToArray();

        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId = "t", customerUins = uins }).Problem(HttpStatusCode.BadRequest, "request.too_many_customers");
    }

    [Fact]
    public async Task An_issuance_replayed_with_its_key_issues_nothing_new_and_another_body_with_the_key_is_refused()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var firstResponse = await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "10" }, "issue-1");
        var first = await firstResponse.Json(HttpStatusCode.Created);
        var again = await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "10" }, "issue-1");
        var replay = await again.Json(HttpStatusCode.Created);

        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetProperty("vouchers")[0].Str("voucherId"), replay.GetProperty("vouchers")[0].Str("voucherId"));
        // One issuance creates several vouchers, so neither the first answer nor its replay has a Location.
        Assert.Null(firstResponse.Headers.Location);
        Assert.Null(again.Headers.Location);
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "11" }, "issue-1")
            .Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        var list = await s.Partner.GetAsync("/api/customer-vouchers").Json(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        await s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin } }, null).Problem(HttpStatusCode.BadRequest, "idempotency.key_required");
    }

    [Fact]
    public async Task Withdraw_an_unused_customer_discount_voucher_once()
    {
        var s = new Scenario(app);
        var (voucherId, _, _) = await s.VoucherAsync("30");

        var withdrawn = await s.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null, "withdraw-1").Json(HttpStatusCode.OK);
        var replay = await s.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null, "withdraw-1");
        Assert.Equal("withdrawn", (await replay.Json(HttpStatusCode.OK)).Str("status"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        Assert.Equal("withdrawn", withdrawn.Str("status"));
        Assert.Equal("0", withdrawn.Str("balance"));
        Assert.Equal("30", withdrawn.Str("withdrawnAmount"));
        Assert.Equal("Expired", withdrawn.Str("vendorStatus"));
        await s.Partner.PostAsync($"/api/customer-vouchers/{voucherId}/withdraw", null).Problem(HttpStatusCode.Conflict, "voucher.not_withdrawable");
        var stored = await s.Partner.GetAsync($"/api/customer-vouchers/{voucherId}").Json(HttpStatusCode.OK);
        Assert.Equal("withdrawn", stored.Str("status"));
    }

    [Fact]
    public async Task Withdraw_is_refused_for_used_expired_and_product_trial_vouchers()
    {
        var s = new Scenario(app);
        var (used, uin, _) = await s.VoucherAsync("30");
        await app.BillAsync(s.PartnerId, uin, DateTimeOffset.UtcNow, ("cvm", "1.25"));
        var expired = await app.ExpiredVoucherAsync(s.PartnerId, uin);
        var (_, trial) = await app.TrialPairAsync(s.PartnerId, uin);

        var usedVoucher = await s.Partner.GetAsync($"/api/customer-vouchers/{used}").Json(HttpStatusCode.OK);
        Assert.Equal("1.25", usedVoucher.Str("usedAmount"));
        Assert.Equal("Used", usedVoucher.Str("vendorStatus"));
        await s.Partner.PostAsync($"/api/customer-vouchers/{used}/withdraw", null).Problem(HttpStatusCode.Conflict, "voucher.not_withdrawable");
        await s.Partner.PostAsync($"/api/customer-vouchers/{expired}/withdraw", null).Problem(HttpStatusCode.Conflict, "voucher.not_withdrawable");
        await s.Partner.PostAsync($"/api/customer-vouchers/{trial}/withdraw", null).Problem(HttpStatusCode.Conflict, "voucher.product_trial_not_withdrawable");
        await s.Partner.PostAsync("/api/customer-vouchers/nope/withdraw", null).Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_product_trial_voucher_leads_to_its_partner_voucher()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var (partnerVoucher, trial) = await app.TrialPairAsync(s.PartnerId, uin);
        var (discount, _, _) = await s.VoucherAsync();

        var associated = await s.Partner.GetAsync($"/api/customer-vouchers/{trial}/associated").Json(HttpStatusCode.OK);

        Assert.Equal(partnerVoucher, associated.Str("voucherId"));
        Assert.Equal("typeII", associated.Str("type"));
        Assert.Equal(trial, associated.Str("associatedVoucherId"));
        Assert.Equal("Issued", associated.Str("vendorStatus"));
        await s.Partner.GetAsync($"/api/customer-vouchers/{discount}/associated").Problem(HttpStatusCode.NotFound, "voucher.not_associated");
        // A partner voucher is not a customer voucher.
        await s.Partner.GetAsync($"/api/customer-vouchers/{partnerVoucher}").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task The_summary_counts_totals_and_remaining_per_customer()
    {
        var s = new Scenario(app);
        var a = await s.CustomerAsync();
        var b = await s.CustomerAsync();
        var none = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();
        await s.IssueAsync(templateId, [a, b], "10");
        await s.IssueAsync(templateId, [a], "5.5");
        await app.BillAsync(s.PartnerId, a, DateTimeOffset.UtcNow, ("cvm", "3"));

        var summary = await s.Partner.GetAsync($"/api/customer-voucher-summary?customerUins={a},{b}&customerUins={none}").Json(HttpStatusCode.OK);

        var rows = summary.GetProperty("customers").EnumerateArray().ToDictionary(r => r.Str("customerUin"));
        Assert.Equal(2, rows[a].GetProperty("count").GetInt32());
        Assert.Equal("15.5", rows[a].Str("total"));
        Assert.Equal("12.5", rows[a].Str("remaining"));
        Assert.Equal("USD", rows[a].Str("currency"));
        Assert.Equal(1, rows[b].GetProperty("count").GetInt32());
        Assert.Equal("10", rows[b].Str("remaining"));
        Assert.Equal(0, rows[none].GetProperty("count").GetInt32());
        var tooMany = string.Join(",", Enumerable.Range(0, 21).Select(i => $"c{i}"));
        await s.Partner.GetAsync($"/api/customer-voucher-summary?customerUins={tooMany}").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
        await s.Partner.GetAsync("/api/customer-voucher-summary").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_issue_exactly_once()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var templateId = await s.TemplateIdAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            s.Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = new[] { uin }, amount = "9" }, "same-key")));

        var ids = new List<string>();
        foreach (var response in responses)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)response.StatusCode} {text}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                ids.Add(System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("vouchers")[0].Str("voucherId"));
            }
        }

        Assert.NotEmpty(ids);
        Assert.Single(ids.Distinct());
        var list = await s.Partner.GetAsync("/api/customer-vouchers").Json(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        var summary = await s.Partner.GetAsync($"/api/customer-voucher-summary?customerUins={uin}").Json(HttpStatusCode.OK);
        Assert.Equal("9", summary.GetProperty("customers")[0].Str("total"));
    }

    [Fact]
    public async Task The_status_filter_uses_the_status_as_seen_now()
    {
        var s = new Scenario(app);
        var (active, uin, _) = await s.VoucherAsync();
        var pastExpiry = await app.ExpiredVoucherAsync(s.PartnerId, uin);
        var (withdrawn, _, _) = await s.VoucherAsync();
        await s.Partner.PostAsync($"/api/customer-vouchers/{withdrawn}/withdraw", null).Json(HttpStatusCode.OK);

        async Task<List<string>> Ids(string status) =>
            (await s.Partner.GetAsync($"/api/customer-vouchers?status={status}").Json(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(v => v.Str("voucherId")).ToList();

        Assert.Equal([active], await Ids("active"));
        Assert.Equal([pastExpiry], await Ids("expired"));
        Assert.Equal([withdrawn], await Ids("withdrawn"));
        var expired = await s.Partner.GetAsync($"/api/customer-vouchers/{pastExpiry}").Json(HttpStatusCode.OK);
        Assert.Equal("expired", expired.Str("status"));
        Assert.Equal("Expired", expired.Str("vendorStatus"));
    }
}
