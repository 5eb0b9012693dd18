using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class UsageApiTests(AppHostFixture app)
{
    [Fact]
    public async Task Usage_is_listed_per_voucher_and_filtered_by_month()
    {
        var s = new Scenario(app);
        var uin = await s.CustomerAsync();
        var now = DateTimeOffset.UtcNow;
        var voucherId = await app.VoucherValidAsync(s.PartnerId, uin, now.AddDays(-90), now.AddDays(30), "100");
        var earlier = now.AddDays(-60);
        await app.BillAsync(s.PartnerId, uin, earlier, ("cvm", "10"), ("cbs", "2.5"));
        await app.BillAsync(s.PartnerId, uin, now, ("cvm", "1.00000001"));

        var all = await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage").Json(HttpStatusCode.OK);
        var month = await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?month={earlier:yyyy-MM}").Json(HttpStatusCode.OK);

        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
        var rows = month.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(voucherId, r.Str("voucherId")));
        Assert.Equal(["10", "2.5"], rows.OrderBy(r => r.Str("lineId")).Select(r => r.Str("amount")));
        Assert.Equal("customer", rows[0].Str("payerKind"));
        Assert.Equal(uin, rows[0].Str("customerUin"));
        var voucher = await s.Partner.GetAsync($"/api/customer-vouchers/{voucherId}").Json(HttpStatusCode.OK);
        Assert.Equal("13.50000001", voucher.Str("usedAmount"));
        await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?month=2026-13").Problem(HttpStatusCode.BadRequest, "request.query_invalid");
        await s.Partner.GetAsync("/api/vouchers/nope/usage").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task Csv_has_a_header_and_one_rfc4180_row_per_usage_record()
    {
        var s = new Scenario(app);
        var (voucherId, uin, _) = await s.VoucherAsync("50");
        var billTime = DateTimeOffset.UtcNow;
        var result = await app.BillAsync(s.PartnerId, uin, billTime, ("vm,\"gpu\"", "3"), ("cbs", "0.5"));
        var billId = result.BillId;

        var byAccept = await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage", accept: "text/csv");
        var byQuery = await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?format=csv");

        Assert.Equal(HttpStatusCode.OK, byAccept.StatusCode);
        Assert.Equal("text/csv", byAccept.Content.Headers.ContentType!.MediaType);
        var csv = await byAccept.Content.ReadAsStringAsync();
        Assert.Equal(csv, await byQuery.Content.ReadAsStringAsync());
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("voucherId,billId,lineId,productCode,subProductCode,paymentMode,amount,currency,billTime,appliedAt,payerKind,payerId,customerUin", lines[0]);
        var rows = lines.Skip(1).OrderBy(l => l, StringComparer.Ordinal).ToList();
        var time = billTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"{voucherId},{billId},line-1,\"vm,\"\"gpu\"\"\",,postpaid,3,USD,{time},", rows[0], StringComparison.Ordinal);
        Assert.EndsWith($",customer,{uin},{uin}", rows[0], StringComparison.Ordinal);
        Assert.StartsWith($"{voucherId},{billId},line-2,cbs,,postpaid,0.5,USD,{time},", rows[1], StringComparison.Ordinal);
        Assert.Contains("attachment", byAccept.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_neutralises_bill_supplied_cells_a_spreadsheet_would_run_as_formulas()
    {
        var s = new Scenario(app);
        var (voucherId, uin, _) = await s.VoucherAsync("50");
        await app.BillAsync(s.PartnerId, uin, DateTimeOffset.UtcNow, ("=1+2", "1"), ("@SUM(A1)", "2"), ("-2+3", "3"), ("+cmd", "4"));

        var csv = await (await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?format=csv")).Content.ReadAsStringAsync();

        var products = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[3]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["\"'+cmd\"", "\"'-2+3\"", "\"'=1+2\"", "\"'@SUM(A1)\""], products);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_voucher_without_usage_has_an_empty_list_and_a_header_only_csv()
    {
        var s = new Scenario(app);
        var (voucherId, _, _) = await s.VoucherAsync();

        var json = await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage").Json(HttpStatusCode.OK);
        var csv = await (await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?format=csv")).Content.ReadAsStringAsync();

        Assert.Equal(0, json.GetProperty("items").GetArrayLength());
        Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
