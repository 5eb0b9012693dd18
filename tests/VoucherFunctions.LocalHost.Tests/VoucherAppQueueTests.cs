using System.Text.Json;
using Azure.Storage.Queues;
using VoucherFunctions.Composition;
using VoucherFunctions.LocalHost.LocalAuth;
using VoucherFunctions.Storage;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>The voucher app's queues on the local host, seen through the official queue client.</summary>
public sealed class VoucherAppQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private LocalFunctionsHost _host = null!;

    public async Task InitializeAsync() => _host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
    {
        FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
        ConfigureServices = (services, configuration) => services.AddVoucherFunctions(configuration),
        Url = "http://127.0.0.1:0",
        TaskHubName = "Queues" + Guid.NewGuid().ToString("N")[..8],
        Settings = new LocalTokenIssuer().Settings,
    });

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(_host.StorageConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });

    [Fact]
    public async Task A_consumer_that_starts_before_any_message_finds_every_queue_the_app_uses()
    {
        foreach (var name in QueueNames.All)
        {
            // Used to answer 404 QueueNotFound for bill-outcomes, bills-poison and notifications until the first send.
            Assert.Empty((await Queue(name).ReceiveMessagesAsync(32)).Value);
        }
    }

    [Fact]
    public async Task A_bill_that_is_not_base64_lands_unchanged_on_bills_poison_and_the_next_bill_is_still_processed()
    {
        var raw = """{"version":1,"billId":"raw-json-not-base64"}""";
        await Queue(QueueNames.Bills, QueueMessageEncoding.None).SendMessageAsync(raw);
        var billId = "after-raw-" + Guid.NewGuid().ToString("N")[..12];
        await Queue(QueueNames.Bills).SendMessageAsync(BinaryData.FromString(
            $$"""{"version":1,"billId":"{{billId}}","partnerId":"p-nobody","payerKind":"partner","customerUin":"100000000001","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"1","productCode":"cvm","paymentMode":"postpaid","amount":"1.00"}]}"""));

        // The bad message: moved as it was (not base64, no envelope), as the Functions host does.
        var rawPoison = Queue(QueueNames.BillsPoison, QueueMessageEncoding.None);
        await Eventually.TrueAsync(async () => (await rawPoison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == raw), Patience);
        // The next bill reached the app: its rejection outcome (unknown partner) is on bill-outcomes.
        await Eventually.TrueAsync(async () => (await Queue(QueueNames.BillOutcomes).PeekMessagesAsync(32)).Value
            .Any(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("billId").GetString() == billId), Patience);
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        Assert.True((await http.GetAsync("/api/health")).IsSuccessStatusCode);
    }
}
