using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Storage.Queues;
using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Composition;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Serialization;
using VoucherFunctions.LocalHost;
using VoucherFunctions.LocalHost.LocalAuth;
using VoucherFunctions.Storage;
using VoucherFunctions.TestSupport;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

[Collection(BillingCollection.Name)]
public sealed class EndToEndTests(BillingFixture fixture)
{
    [Fact]
    public async Task A_bill_sent_to_the_queue_is_applied_by_the_local_host_its_outcome_sent_and_readable_by_its_partner_only()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));
        await world.OutcomesAsync();
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
            ConfigureServices = (services, configuration) => services.AddVoucherFunctions(configuration),
            Url = "http://127.0.0.1:0",
            StorageConnectionString = fixture.Azurite.ConnectionString,
            TaskHubName = "Bills" + Guid.NewGuid().ToString("N")[..8],
            Settings = new Dictionary<string, string?>(fixture.Tokens.Settings) { ["Logging:LogLevel:Default"] = "Warning" },
        });

        var bills = new QueueClient(fixture.Azurite.ConnectionString, QueueNames.Bills, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await bills.CreateIfNotExistsAsync();
        await bills.SendMessageAsync(Json(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30))));

        var outcomes = await Eventually.ValueAsync(world.OutcomesAsync, sent => sent.Count > 0, "the host sent no outcome", TimeSpan.FromSeconds(30));

        var outcome = Assert.Single(outcomes);
        Assert.Equal(("applied", "b1", "0.0000003", "0"), (outcome.Status, outcome.BillId, outcome.TotalAllocated, outcome.TotalRemainingPayable));
        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Single(await world.UsagesAsync(p, "v1"));

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var mine = await GetAsync(http, fixture.Tokens, p, "api/bills/b1?customerUin=c1");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var read = JsonSerializer.Deserialize<BillOutcomeMessage>(await mine.Content.ReadAsStringAsync(), ApiJson.Options)!;
        Assert.Equivalent(outcome, read, strict: true);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, fixture.Tokens, world.Partner("other"), "api/bills/b1?customerUin=c1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, fixture.Tokens, p, "api/bills/b1")).StatusCode);

        // The bill's usage record is what the partner's usage endpoints show, as JSON and as CSV.
        var usage = JsonDocument.Parse(await (await GetAsync(http, fixture.Tokens, p, "api/vouchers/v1/usage")).Content.ReadAsStringAsync()).RootElement;
        var record = Assert.Single(usage.GetProperty("items").EnumerateArray());
        Assert.Equal(("b1", "0.0000003"), (record.GetProperty("billId").GetString(), record.GetProperty("amount").GetString()));
        var csv = await (await GetAsync(http, fixture.Tokens, p, "api/vouchers/v1/usage?format=csv")).Content.ReadAsStringAsync();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("voucherId,billId,lineId,productCode,", rows[0], StringComparison.Ordinal);
        var fields = rows[1].Split(',');
        Assert.Equal(("v1", "b1", "cvm", "0.0000003", "customer", "c1"), (fields[0], fields[1], fields[3], fields[6], fields[10], fields[12]));
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, LocalTokenIssuer tokens, string partnerId, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Mint(new TokenRequest(["reseller"], partnerId)));
        return http.SendAsync(request);
    }
}
