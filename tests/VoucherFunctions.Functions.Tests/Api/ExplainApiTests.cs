using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Billing;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.TestSupport;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>POST /api/bills/explain and /api/my/bills/explain through the real routes, on vouchers seeded through the stores.</summary>
[Collection(AppCollection.Name)]
public sealed class ExplainApiTests(AppHostFixture app)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>A v1 bill message of one 'cvm' line, with "settings" only when given.</summary>
    private static Dictionary<string, object> BillBody(string partnerId, string uin, string billId, string amount = "15", string payerKind = "customer", object? settings = null, int version = 1)
    {
        var body = new Dictionary<string, object>
        {
            ["version"] = version,
            ["billId"] = billId,
            ["partnerId"] = partnerId,
            ["payerKind"] = payerKind,
            ["customerUin"] = uin,
            ["currency"] = "USD",
            ["billTime"] = Now.ToString("O"),
            ["lines"] = new[] { new { lineId = "1", productCode = "cvm", paymentMode = "postpaid", amount } },
        };
        if (settings is not null)
        {
            body["settings"] = settings;
        }

        return body;
    }

    private async Task<(Scenario S, string Uin)> SeedAsync()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var p = s.PartnerId;
        var store = app.Vouchers();
        await store.AddAsync(V(p, "t3", uin, 10, Now.AddDays(20)) with { Purpose = VoucherPurpose.ProductTrial });
        await store.AddAsync(V(p, "d3", uin, 50, Now.AddDays(10)));
        await store.AddAsync(V(p, "x-expired", uin, 50, Now.AddDays(-1)) with { EffectiveFrom = Now.AddDays(-30), IssuedAt = Now.AddDays(-30) });
        await store.AddAsync(V(p, "x-future", uin, 50, Now.AddDays(30)) with { EffectiveFrom = Now.AddDays(1) });
        await store.AddAsync(V(p, "x-withdrawn", uin, 50, Now.AddDays(30)) with { Balance = Usd(0), WithdrawnAmount = Usd(50), Status = VoucherStatus.Withdrawn });
        await store.AddAsync(V(p, "x-scope", uin, 50, Now.AddDays(30)) with { ProductScope = ProductScope.AllowList("cos") });
        return (s, uin);
    }

    [Fact]
    public async Task Explain_shows_the_order_of_use_with_its_rules_and_every_other_voucher_with_its_reason_and_changes_nothing()
    {
        var (s, uin) = await SeedAsync();
        var billId = "explain-" + Guid.NewGuid().ToString("N")[..8];

        var on = await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, billId), null).Json(HttpStatusCode.OK);
        var off = await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, billId, settings: new { associatedFirst = false }), null).Json(HttpStatusCode.OK);

        Assert.Equal(("explained", true, "partner"), (on.Str("status"), on.GetProperty("associatedFirst").GetBoolean(), on.Str("settingsSource")));
        var line = on.GetProperty("lines")[0];
        Assert.Equal(
            [("t3", "10", "10", "d3", "associatedFirst"), ("d3", "5", "50", null, null)],
            line.GetProperty("allocations").EnumerateArray().Select(a => (a.Str("voucherId"), a.Str("amount"), a.Str("balanceBefore"), Opt(a, "placedBefore"), Opt(a, "rule"))).ToArray());
        Assert.Equal(
            [("x-expired", "expired"), ("x-future", "notYetEffective"), ("x-scope", "productOutOfScope"), ("x-withdrawn", "withdrawn")],
            line.GetProperty("notUsed").EnumerateArray().Select(u => (u.Str("voucherId"), u.Str("reason"))).ToArray());
        Assert.Equal("typeIII", line.GetProperty("allocations")[0].Str("type"));
        Assert.Equal(("0", "15", "15", "0"), (line.Str("remainingPayable"), on.Str("totalAmount"), on.Str("totalAllocated"), on.Str("totalRemainingPayable")));

        // What if the switch were off: the earlier expiry pays it all and the trial voucher is not needed.
        Assert.Equal(("request", false), (off.Str("settingsSource"), off.GetProperty("associatedFirst").GetBoolean()));
        var offLine = off.GetProperty("lines")[0];
        Assert.Equal(("d3", "15"), (offLine.GetProperty("allocations")[0].Str("voucherId"), offLine.GetProperty("allocations")[0].Str("amount")));
        var notNeeded = offLine.GetProperty("notUsed").EnumerateArray().Single(u => u.Str("voucherId") == "t3");
        Assert.Equal(("notNeeded", "d3", "earlierExpiry"), (notNeeded.Str("reason"), notNeeded.Str("outrankedBy"), notNeeded.Str("rule")));

        // Nothing changed: no outcome, balances as seeded.
        await s.Partner.GetAsync($"/api/bills/{billId}?customerUin={uin}").Problem(HttpStatusCode.NotFound, "resource.not_found");
        Assert.Equal("10", (await s.Partner.GetAsync("/api/customer-vouchers/t3").Json(HttpStatusCode.OK)).Str("balance"));
        Assert.Equal("50", (await s.Partner.GetAsync("/api/customer-vouchers/d3").Json(HttpStatusCode.OK)).Str("balance"));

        // Applying the same bill does exactly what explain said; explaining it again answers the stored outcome.
        var bill = Bill.Create(billId, s.PartnerId, PayerKind.Customer, uin, Currency.USD, DateTimeOffset.Parse(Now.ToString("O"), System.Globalization.CultureInfo.InvariantCulture), [new BillLine("1", "cvm", null, PaymentMode.Postpaid, Usd(15))]);
        var applied = Assert.IsType<BillDecision.Applied>(Assert.Single(await app.Host.Services.GetRequiredService<BillGroupProcessor>().ProcessAsync(s.PartnerId, [bill], CancellationToken.None)).Decision);
        Assert.Equal([("t3", 10m), ("d3", 5m)], applied.Outcome.Lines[0].Allocations.Select(a => (a.VoucherId, a.Amount.MinorUnits / 100_000_000m)).ToArray());
        var again = await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, billId), null).Json(HttpStatusCode.OK);
        Assert.Equal(("alreadyApplied", true, "applied"), (again.Str("status"), again.GetProperty("sameContent").GetBoolean(), again.GetProperty("storedOutcome").Str("status")));
        Assert.False(again.TryGetProperty("lines", out _));
        var changed = await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, billId, amount: "16"), null).Json(HttpStatusCode.OK);
        Assert.Equal(("alreadyApplied", false), (changed.Str("status"), changed.GetProperty("sameContent").GetBoolean()));
    }

    [Fact]
    public async Task A_customer_explains_its_own_bill_without_the_partners_private_fields()
    {
        var (s, uin) = await SeedAsync();
        var customer = app.AsCustomer(s.PartnerId, uin);

        var mine = await customer.PostAsync("/api/my/bills/explain", BillBody(s.PartnerId, uin, "my-1"), null);
        var text = await mine.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var line = JsonDocument.Parse(text).RootElement.GetProperty("lines")[0];
        Assert.Equal("partnerPriority", line.GetProperty("allocations")[0].Str("rule"));
        Assert.DoesNotContain("associatedFirst", text, StringComparison.Ordinal);
        Assert.DoesNotContain("settingsSource", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("productTrial", text, StringComparison.Ordinal);

        await customer.PostAsync("/api/my/bills/explain", BillBody(s.PartnerId, "someone-else", "my-2"), null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await customer.PostAsync("/api/my/bills/explain", BillBody(s.PartnerId, uin, "my-3", payerKind: "partner"), null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await customer.PostAsync("/api/my/bills/explain", BillBody(s.PartnerId, uin, "my-4", settings: new { associatedFirst = false }), null).Problem(HttpStatusCode.BadRequest, "bill.malformed");
        await s.Partner.PostAsync("/api/my/bills/explain", BillBody(s.PartnerId, uin, "my-5"), null).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await customer.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, "my-6"), null).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await app.AsVendor("reviewer").PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, "my-7"), null).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task A_bad_bill_gets_the_code_its_poison_envelope_would_carry_and_another_partners_customer_is_a_404()
    {
        var (s, uin) = await SeedAsync();
        var other = new Scenario(app);
        var otherUin = await other.CustomerAsync();

        await s.Partner.PostRawAsync("/api/bills/explain", "{not json", null).Problem(HttpStatusCode.BadRequest, "bill.malformed");
        await s.Partner.PostRawAsync("/api/bills/explain", "", null).Problem(HttpStatusCode.BadRequest, "bill.malformed");
        await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, "b1", version: 2), null).Problem(HttpStatusCode.BadRequest, "bill.unsupported_version");
        await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, "b2", amount: "-1"), null).Problem(HttpStatusCode.BadRequest, "bill.invalid");
        await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, uin, "b3", amount: "1.123456789"), null).Problem(HttpStatusCode.BadRequest, "bill.invalid");
        var mixed = JsonSerializer.Serialize(BillBody(s.PartnerId, uin, "b4")).Replace("\"paymentMode\"", "\"currency\":\"EUR\",\"paymentMode\"", StringComparison.Ordinal);
        await s.Partner.PostRawAsync("/api/bills/explain", mixed, null).Problem(HttpStatusCode.BadRequest, "bill.currency_mismatch");
        await s.Partner.PostRawAsync("/api/bills/explain", "{}", null, contentType: "text/plain").Problem(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");

        // Another partner's customer, named with the caller's partner id or with the other partner's: 404, nothing of theirs.
        var theirs = await s.Partner.PostAsync("/api/bills/explain", BillBody(s.PartnerId, otherUin, "b5"), null).Problem(HttpStatusCode.NotFound, "bill.unknown_customer");
        Assert.DoesNotContain(other.PartnerId, theirs.GetRawText(), StringComparison.Ordinal);
        await s.Partner.PostAsync("/api/bills/explain", BillBody(other.PartnerId, otherUin, "b6"), null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        // A partner cannot read another partner's vouchers through a partner bill either.
        await other.Partner.PostAsync("/api/bills/explain", BillBody(other.PartnerId, uin, "b7", payerKind: "partner"), null).Problem(HttpStatusCode.NotFound, "bill.unknown_customer");
    }

    private static string? Opt(JsonElement e, string property) => e.TryGetProperty(property, out var v) ? v.GetString() : null;

    private static Money Usd(long units) => Money.FromUnits(units, Currency.USD);

    private static Voucher V(string partnerId, string id, string uin, long amount, DateTimeOffset expires) =>
        TestVouchers.Voucher(partnerId, id, uin: uin, amount: amount * Money.MinorUnitsPerUnit, expires: expires, issued: Now.AddDays(-1), name: "explain " + id, templateId: null);
}
