using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Billing;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.TestSupport;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>
/// A worked reconciliation over two months, every figure computed by hand. Distributor D: customer c1 (its own) and r1 (a
/// customer of its second-level reseller R). Vouchers (USD): pair A = Type II A2 100 / Type III A3 100 for c1, both in D's
/// books; pair B = Type II B2 60 in D's books / Type III B3 60 for r1 in R's books (funded by D); Type I G1 500; a customer
/// discount C3 40 for c1 (D's books) and R3 30 for r1 (R's books, from R's quota pool: 200 allocated, 30 issued).
/// Bills (the switch is on, so trial vouchers pay first):
/// <code>
/// month 1: partner c1 30 → A2 30 | customer c1 45 → A3 45 | partner r1 20 → B2 20 | customer r1 (R) 15 → B3 15
/// month 2: partner c1 50 → A2 50 | customer c1 20 → A3 20 | partner r1 50 → B2 40 + G1 10 | customer r1 (R) 50 → B3 45 + R3 5
/// then A2 is invalidated (A3's 35 withdrawn with it): customer c1 10 → C3 10 | partner c1 5 → G1 5
/// </code>
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReconciliationApiTests(AppHostFixture app)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly DateTimeOffset Month2 = new(Now.Year, Now.Month, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Month1 = Month2.AddMonths(-1);

    /// <summary>Instants in the current month before now, in order (so bills precede the invalidation).</summary>
    private static DateTimeOffset InMonth2(int step) => Month2 + ((Now - Month2) * step / 10);

    private sealed record Books(string D, string R, string A2, string A3, string B2, string B3, string G1, string C3, string R3);

    private async Task<Books> SeedAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var books = new Books("d-" + id, "r-" + id, "A2-" + id, "A3-" + id, "B2-" + id, "B3-" + id, "G1-" + id, "C3-" + id, "R3-" + id);
        var customers = app.Host.Services.GetRequiredService<ICustomerStore>();
        await customers.AddAsync(new Customer("c1", books.D, "Customer c1"));
        await customers.AddAsync(new Customer("r1", books.D, "Customer r1"));
        await customers.AddAsync(new Customer("r1", books.R, "Customer r1"));
        var from = Month1.AddDays(-1);
        var to = Month1.AddDays(120);
        var vouchers = app.Vouchers();
        await vouchers.AddAsync(Voucher(books.A2, books.D, VoucherType.TypeII, VoucherPurpose.ProductTrial, FundingParty.Vendor, "c1", 100, from, to) with { AssociatedVoucherId = books.A3 });
        await vouchers.AddAsync(Voucher(books.A3, books.D, VoucherType.TypeIII, VoucherPurpose.ProductTrial, FundingParty.Partner, "c1", 100, from, to) with { AssociatedVoucherId = books.A2 });
        await vouchers.AddAsync(Voucher(books.B2, books.D, VoucherType.TypeII, VoucherPurpose.ProductTrial, FundingParty.Vendor, "r1", 60, from, to) with { AssociatedVoucherId = books.B3 });
        await vouchers.AddAsync(Voucher(books.B3, books.R, VoucherType.TypeIII, VoucherPurpose.ProductTrial, FundingParty.Distributor, "r1", 60, from, to) with { AssociatedVoucherId = books.B2, DistributorId = books.D });
        await vouchers.AddAsync(Voucher(books.G1, books.D, VoucherType.TypeI, VoucherPurpose.General, FundingParty.Vendor, null, 500, from, to));
        // Later expiries than the trial vouchers, so that with the switch on or off these pay only after them.
        await vouchers.AddAsync(Voucher(books.C3, books.D, VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, FundingParty.Partner, "c1", 40, from, to.AddDays(1)));
        await vouchers.AddAsync(Voucher(books.R3, books.R, VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, FundingParty.Distributor, "r1", 30, from, to.AddDays(1)) with { DistributorId = books.D });
        await app.Host.Services.GetRequiredService<IQuotaPoolStore>().AddAsync(
            QuotaPool.Create(books.D, books.R, Currency.USD, from) with { Total = Usd(200), Issued = Usd(30), IssuedCount = 1 });

        await ChargeAsync(books.D, PayerKind.Partner, "c1", Month1.AddDays(3), "30");
        await ChargeAsync(books.D, PayerKind.Customer, "c1", Month1.AddDays(4), "45");
        await ChargeAsync(books.D, PayerKind.Partner, "r1", Month1.AddDays(5), "20");
        await ChargeAsync(books.R, PayerKind.Customer, "r1", Month1.AddDays(6), "15");
        await ChargeAsync(books.D, PayerKind.Partner, "c1", InMonth2(1), "50");
        await ChargeAsync(books.D, PayerKind.Customer, "c1", InMonth2(2), "20");
        await ChargeAsync(books.D, PayerKind.Partner, "r1", InMonth2(3), "50");
        await ChargeAsync(books.R, PayerKind.Customer, "r1", InMonth2(4), "50");
        var distributor = app.As(books.D, "distributor");
        await distributor.PostAsync($"/api/partner-vouchers/{books.A2}/invalidate", null).Json(HttpStatusCode.OK);
        await ChargeAsync(books.D, PayerKind.Customer, "c1", InMonth2(5), "10");
        await ChargeAsync(books.D, PayerKind.Partner, "c1", InMonth2(6), "5");
        return books;
    }

    [Fact]
    public async Task The_worked_example_gives_the_hand_computed_figures_in_json()
    {
        var b = await SeedAsync();
        var distributor = app.As(b.D, "distributor");

        var m1 = await distributor.GetAsync($"/api/reports/reconciliation?month={Month1:yyyy-MM}").Json(HttpStatusCode.OK);
        var m2 = await distributor.GetAsync($"/api/reports/reconciliation?month={Month2:yyyy-MM}").Json(HttpStatusCode.OK);

        // Month 1: A: partner 30, customer 45 → +15, flagged; B: partner 20, customer 15 → −5.
        Assert.Equal($"{Month1:yyyy-MM}", m1.Str("month"));
        var trials1 = m1.GetProperty("trialVouchers").EnumerateArray().ToList();
        Assert.Equal([b.A2, b.B2], trials1.Select(t => t.Str("partnerVoucherId")));
        AssertTrial(trials1[0], "100", "30", "30", b.A3, b.D, "45", "45", "15", "15", ["customerUsedMore"]);
        AssertTrial(trials1[1], "60", "20", "20", b.B3, b.R, "15", "15", "-5", "-5", []);
        Assert.Equal("invalidated", trials1[0].Str("status"));
        Assert.True(trials1[0].TryGetProperty("invalidatedAt", out _));
        AssertTotals(m1.GetProperty("totals"), vendorTypeI: "0", vendorTypeII: "50", partner: "45", distributor: "0");
        var reseller1 = Assert.Single(m1.GetProperty("secondLevelResellers").EnumerateArray());
        Assert.Equal(b.R, reseller1.Str("resellerId"));
        Assert.Equal(("200", "30", 1, "170"), (reseller1.Str("quotaAllocated"), reseller1.Str("quotaIssued"), reseller1.GetProperty("issuedCount").GetInt32(), reseller1.Str("quotaRemaining")));
        Assert.Equal([b.B2], reseller1.GetProperty("trialVouchers").EnumerateArray().Select(t => t.Str("partnerVoucherId")));
        AssertTotals(reseller1.GetProperty("totals"), vendorTypeI: "0", vendorTypeII: "0", partner: "0", distributor: "15");

        // Month 2: A: partner 50 (80 to date), customer 20 (65) → −30 / −15; B: partner 40 (60), customer 45 (60) → +5 / 0.
        var trials2 = m2.GetProperty("trialVouchers").EnumerateArray().ToList();
        AssertTrial(trials2[0], "100", "50", "80", b.A3, b.D, "20", "65", "-30", "-15", []);
        AssertTrial(trials2[1], "60", "40", "60", b.B3, b.R, "45", "60", "5", "0", []);
        // Type I: G1 10 + 5; Type II: A2 50 + B2 40; partner-funded: A3 20 + C3 10.
        AssertTotals(m2.GetProperty("totals"), vendorTypeI: "15", vendorTypeII: "90", partner: "30", distributor: "0");
        // R's book: B3 45 + R3 5, all borne by the distributor.
        AssertTotals(Assert.Single(m2.GetProperty("secondLevelResellers").EnumerateArray()).GetProperty("totals"), vendorTypeI: "0", vendorTypeII: "0", partner: "0", distributor: "50");

        // The totals are the usage endpoint's rows summed for the same vouchers and month.
        Assert.Equal(15m, await UsageSumAsync(distributor, Month2, b.G1));
        Assert.Equal(90m, await UsageSumAsync(distributor, Month2, b.A2, b.B2));
        Assert.Equal(30m, await UsageSumAsync(distributor, Month2, b.A3, b.C3));
        Assert.Equal(50m, await UsageSumAsync(app.As(b.R, "second-level-reseller"), Month2, b.B3, b.R3));
        Assert.Equal(50m, await UsageSumAsync(distributor, Month1, b.A2, b.B2));

        // The second-level reseller's own report: its book only, all distributor-funded, no reseller sections.
        var own = await app.WithToken(app.Tokens.Mint(new VoucherFunctions.LocalHost.LocalAuth.TokenRequest(["second-level-reseller"], b.R, DistributorId: b.D)))
            .GetAsync($"/api/reports/reconciliation?month={Month2:yyyy-MM}").Json(HttpStatusCode.OK);
        Assert.Empty(own.GetProperty("trialVouchers").EnumerateArray());
        AssertTotals(own.GetProperty("totals"), vendorTypeI: "0", vendorTypeII: "0", partner: "0", distributor: "50");
        Assert.False(own.TryGetProperty("secondLevelResellers", out _));

        // The vendor: D's Type I and Type II per month.
        var vendor = app.AsVendor("channel-manager");
        var vendor2 = await vendor.GetAsync($"/api/reports/vendor?month={Month2:yyyy-MM}").Json(HttpStatusCode.OK);
        var row = vendor2.GetProperty("partners").EnumerateArray().Single(p => p.Str("partnerId") == b.D);
        Assert.Equal(("USD", "15", "90", "105"), (row.Str("currency"), row.Str("typeI"), row.Str("typeII"), row.Str("vendorFunded")));
        Assert.DoesNotContain(vendor2.GetProperty("partners").EnumerateArray(), p => p.Str("partnerId") == b.R);
        var vendor1 = await vendor.GetAsync($"/api/reports/vendor?month={Month1:yyyy-MM}").Json(HttpStatusCode.OK);
        Assert.Equal("50", vendor1.GetProperty("partners").EnumerateArray().Single(p => p.Str("partnerId") == b.D).Str("vendorFunded"));
    }

    [Fact]
    public async Task The_worked_example_gives_the_same_figures_in_csv()
    {
        var b = await SeedAsync();
        var distributor = app.As(b.D, "distributor");

        var response = await distributor.GetAsync($"/api/reports/reconciliation?month={Month2:yyyy-MM}&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "section,books,currency,partnerVoucherId,customerUin,customerVoucherId,amount,status,partnerUsedThisMonth,partnerUsedToDate,customerUsedThisMonth,customerUsedToDate,differenceThisMonth,differenceToDate,flags,vendorFunded,vendorTypeI,vendorTypeII,partnerFunded,distributorFunded,quotaAllocated,quotaIssued,issuedCount,quotaRemaining",
            lines[0]);
        Assert.Equal(
        [
            $"trialVoucher,{b.D},USD,{b.A2},c1,{b.A3},100,invalidated,50,80,20,65,-30,-15,,,,,,,,,,",
            $"trialVoucher,{b.R},USD,{b.B2},r1,{b.B3},60,exhausted,40,60,45,60,5,0,,,,,,,,,,",
            $"total,{b.D},USD,,,,,,,,,,,,,105,15,90,30,0,,,,",
            $"total,{b.R},USD,,,,,,,,,,,,,0,0,0,0,50,,,,",
            $"quota,{b.R},USD,,,,,,,,,,,,,,,,,,200,30,1,170",
        ], lines.Skip(1));
        var month1 = (await (await distributor.GetAsync($"/api/reports/reconciliation?month={Month1:yyyy-MM}", accept: "text/csv")).Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Contains($"trialVoucher,{b.D},USD,{b.A2},c1,{b.A3},100,invalidated,30,30,45,45,15,15,customerUsedMore,,,,,,,,,", month1);
    }

    [Fact]
    public async Task Reports_refuse_other_partners_and_wrong_roles_and_bad_months()
    {
        var b = await SeedAsync();
        var month = $"{Month2:yyyy-MM}";

        // Another partner sees only its own (empty) books: none of D's ids or figures.
        var other = await app.As("p-other-" + Guid.NewGuid().ToString("N")[..6], "distributor").GetAsync($"/api/reports/reconciliation?month={month}");
        var text = await other.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.DoesNotContain(b.A2, text, StringComparison.Ordinal);
        Assert.DoesNotContain(b.R, text, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(text).RootElement.GetProperty("trialVouchers").EnumerateArray());

        await app.AsCustomer(b.D, "c1").GetAsync($"/api/reports/reconciliation?month={month}").Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await app.AsVendor("channel-manager").GetAsync($"/api/reports/reconciliation?month={month}").Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await app.As(b.D, "distributor").GetAsync($"/api/reports/vendor?month={month}").Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await app.AsVendor("reviewer").GetAsync($"/api/reports/vendor?month={month}").Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await app.As(b.D, "distributor").GetAsync("/api/reports/reconciliation").Problem(HttpStatusCode.BadRequest, "request.field_required");
        await app.As(b.D, "distributor").GetAsync("/api/reports/reconciliation?month=2025-13").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
        await app.AsVendor("channel-manager").GetAsync("/api/reports/vendor?month=March").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
    }

    [Fact]
    public async Task A_voucher_stored_before_monthly_usage_was_kept_is_reported_from_its_usage_records()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var partnerId = "old-" + id;
        await app.Host.Services.GetRequiredService<ICustomerStore>().AddAsync(new Customer("c1", partnerId, "Customer c1"));
        var voucher = Voucher("D3-" + id, partnerId, VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, FundingParty.Partner, "c1", 50, Month1, Month1.AddDays(120));
        await app.Vouchers().AddAsync(voucher);
        await ChargeAsync(partnerId, PayerKind.Customer, "c1", Month1.AddDays(2), "10");

        // Make its row one written by the version before: no UsageByMonth property.
        var table = await app.Host.Services.GetRequiredService<VoucherFunctions.Storage.LedgerTable>().ClientAsync();
        var rowKey = VoucherFunctions.Storage.VoucherKeys.Row(voucher);
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(VoucherFunctions.Storage.Keys.Partner(partnerId), rowKey)).Value;
        Assert.True(row.Remove("UsageByMonth"));
        await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        // A later deduction does not start a partial monthly usage on it.
        await ChargeAsync(partnerId, PayerKind.Customer, "c1", InMonth2(1), "5");
        row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(VoucherFunctions.Storage.Keys.Partner(partnerId), rowKey)).Value;
        Assert.False(row.ContainsKey("UsageByMonth"));

        var client = app.As(partnerId, "reseller");
        var m1 = await client.GetAsync($"/api/reports/reconciliation?month={Month1:yyyy-MM}").Json(HttpStatusCode.OK);
        var m2 = await client.GetAsync($"/api/reports/reconciliation?month={Month2:yyyy-MM}").Json(HttpStatusCode.OK);

        AssertTotals(m1.GetProperty("totals"), vendorTypeI: "0", vendorTypeII: "0", partner: "10", distributor: "0");
        AssertTotals(m2.GetProperty("totals"), vendorTypeI: "0", vendorTypeII: "0", partner: "5", distributor: "0");
        Assert.Equal(10m, await UsageSumAsync(client, Month1, voucher.VoucherId));
    }

    private static void AssertTrial(JsonElement t, string amount, string partnerMonth, string partnerToDate, string customerVoucher, string books, string customerMonth, string customerToDate, string diffMonth, string diffToDate, string[] flags)
    {
        Assert.Equal(
            (amount, partnerMonth, partnerToDate, customerVoucher, books, customerMonth, customerToDate, diffMonth, diffToDate),
            (t.Str("amount"), t.Str("partnerUsedThisMonth"), t.Str("partnerUsedToDate"), t.Str("customerVoucherId"), t.Str("customerVoucherBooks"), t.Str("customerUsedThisMonth"), t.Str("customerUsedToDate"), t.Str("differenceThisMonth"), t.Str("differenceToDate")));
        Assert.Equal(flags, t.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!));
    }

    private static void AssertTotals(JsonElement totals, string vendorTypeI, string vendorTypeII, string partner, string distributor)
    {
        var usd = Assert.Single(totals.EnumerateArray());
        var vendor = (decimal.Parse(vendorTypeI, System.Globalization.CultureInfo.InvariantCulture) + decimal.Parse(vendorTypeII, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(("USD", vendorTypeI, vendorTypeII, vendor, partner, distributor), (usd.Str("currency"), usd.Str("vendorTypeI"), usd.Str("vendorTypeII"), usd.Str("vendorFunded"), usd.Str("partnerFunded"), usd.Str("distributorFunded")));
    }

    private static async Task<decimal> UsageSumAsync(ApiClient client, DateTimeOffset month, params string[] voucherIds)
    {
        var sum = 0m;
        foreach (var id in voucherIds)
        {
            var page = await client.GetAsync($"/api/vouchers/{id}/usage?month={month:yyyy-MM}").Json(HttpStatusCode.OK);
            sum += page.GetProperty("items").EnumerateArray().Sum(u => decimal.Parse(u.Str("amount"), System.Globalization.CultureInfo.InvariantCulture));
        }

        return sum;
    }

    private async Task ChargeAsync(string partnerId, PayerKind payer, string uin, DateTimeOffset billTime, string amount)
    {
        var bill = Bill.Create("bill-" + Guid.NewGuid().ToString("N")[..10], partnerId, payer, uin, Currency.USD, billTime, [new BillLine("1", "cvm", null, PaymentMode.Postpaid, Money.Parse(amount, Currency.USD))]);
        var result = Assert.Single(await app.Host.Services.GetRequiredService<BillGroupProcessor>().ProcessAsync(partnerId, [bill], CancellationToken.None));
        Assert.IsType<BillDecision.Applied>(result.Decision);
    }

    private static Money Usd(long units) => Money.FromUnits(units, Currency.USD);

    private static Voucher Voucher(string id, string partnerId, VoucherType type, VoucherPurpose purpose, FundingParty funding, string? uin, long amount, DateTimeOffset from, DateTimeOffset to) =>
        TestVouchers.Voucher(partnerId, id, type, uin, amount * Money.MinorUnitsPerUnit, to, purpose, issued: from, funding: funding, name: "worked " + id, templateId: null);
}
