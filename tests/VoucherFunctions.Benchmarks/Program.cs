using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Benchmarks;
using VoucherFunctions.Composition;
using VoucherFunctions.DevStorage;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.LocalHost;
using VoucherFunctions.Storage;

// Usage: dotnet run -c Release --project tests/VoucherFunctions.Benchmarks [-- <bills per scenario, default 1000> [<partners, default 32>] [--no-coalesce]]
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var bills = numbers.Length > 0 ? int.Parse(numbers[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var partners = numbers.Length > 1 ? int.Parse(numbers[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
const int CustomersPerPartner = 4;
var t0 = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

Console.WriteLine($"Bill pipeline benchmark: {bills} bills per scenario, {Environment.ProcessorCount} cores. Starting Azurite and the local host...");
await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions());
using var counter = new StorageCalls(azurite.TablePort, azurite.QueuePort);
QueueClientOptions Own()
{
    var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
    options.AddPolicy(counter.Own, HttpPipelinePosition.PerRetry);
    return options;
}

await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
{
    FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
    ConfigureServices = (services, configuration) => services.AddVoucherFunctions(configuration),
    Url = "http://127.0.0.1:0",
    StorageConnectionString = azurite.ConnectionString,
    TaskHubName = "Bench",
    Settings = new Dictionary<string, string?>(new VoucherFunctions.LocalHost.LocalAuth.LocalTokenIssuer().Settings) { ["Billing:Coalesce"] = args.Contains("--no-coalesce") ? "false" : "true", ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:VoucherFunctions.LocalHost.Queues"] = "Error" },
});
var sp = host.Services;
var billsQueue = new QueueClient(azurite.ConnectionString, QueueNames.Bills, Own());
var outcomes = new QueueClient(azurite.ConnectionString, QueueNames.BillOutcomes, Own());
await billsQueue.CreateIfNotExistsAsync();
await outcomes.CreateIfNotExistsAsync();

// Seeding goes through the stores; the app's storage calls are counted only inside each run's window.
async Task SeedAsync(string partnerId, IEnumerable<Voucher> vouchers, int customers)
{
    for (var c = 0; c < customers; c++)
    {
        await sp.GetRequiredService<ICustomerStore>().AddAsync(new Customer($"c{c}", partnerId, $"Customer {c}"));
    }

    foreach (var voucher in vouchers)
    {
        await sp.GetRequiredService<IVoucherStore>().AddAsync(voucher);
    }
}

Voucher VoucherOf(string partnerId, string id, VoucherType type, string? uin) => new()
{
    VoucherId = id, PartnerId = partnerId, Type = type, Purpose = type == VoucherType.TypeI ? VoucherPurpose.General : VoucherPurpose.CustomerDiscount,
    FundingParty = type == VoucherType.TypeI ? FundingParty.Vendor : FundingParty.Partner, CustomerUin = uin, Name = id,
    Amount = Money.FromUnits(1_000_000_000, Currency.USD), Balance = Money.FromUnits(1_000_000_000, Currency.USD), WithdrawnAmount = Money.Zero(Currency.USD),
    ProductScope = ProductScope.AllProducts, PaymentModeScope = PaymentModeScope.All, FrozenBlocklist = ProductSet.Empty,
    IssuedAt = t0, EffectiveFrom = t0, ExpiresAt = t0.AddYears(1), Status = VoucherStatus.Active, StatusChangedAt = t0,
};

string BillJson(string billId, string partnerId, string payerKind, string uin, int n) =>
    $$"""{"version":1,"billId":"{{billId}}","partnerId":"{{partnerId}}","payerKind":"{{payerKind}}","customerUin":"{{uin}}","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"l1","productCode":"cvm","paymentMode":"postpaid","amount":"1.{{n % 100:D2}}"}]}""";

async Task<RunResult> RunAppAsync(string name, IReadOnlyList<(string Id, string Body)> work)
{
    // Background calls (durable backend polling, idle queue polls) measured on an idle second, then subtracted.
    var idleStart = counter.Others;
    var idle = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(2));
    var idleRate = (counter.Others - idleStart) / idle.Elapsed.TotalSeconds;

    var before = counter.Others;
    var clock = Stopwatch.StartNew();
    var outstanding = new SemaphoreSlim(BillDriver.MaxOutstanding);
    var reading = BillDriver.ReadOutcomesAsync(outcomes, work.Count, TimeSpan.FromMinutes(3), outstanding);
    var sentAt = await BillDriver.SendAsync(billsQueue, work, outstanding);
    var doneAt = await reading;
    var elapsed = clock.Elapsed;
    var calls = counter.Others - before - (long)(idleRate * elapsed.TotalSeconds);
    return new RunResult(name, work.Count, elapsed, BillDriver.Latencies(sentAt, doneAt), calls);
}

var random = new Random(7);

// Scenario 1: many partners, each customer with its own Type III voucher: customer bills spread over all.
var run = Guid.NewGuid().ToString("N")[..6];
var partnerIds = Enumerable.Range(0, partners).Select(i => $"bp{i}-{run}").ToArray();
foreach (var p in partnerIds)
{
    await SeedAsync(p, Enumerable.Range(0, CustomersPerPartner).Select(c => VoucherOf(p, $"v{c}", VoucherType.TypeIII, $"c{c}")), CustomersPerPartner);
}

var spread = Enumerable.Range(0, bills).Select(i =>
{
    var p = partnerIds[random.Next(partners)];
    return ($"u{i}", BillJson($"u{i}", p, "customer", $"c{random.Next(CustomersPerPartner)}", i));
}).ToArray();

// Scenario 2: one partner, one hot Type I voucher: partner bills for its customers all deduct from it.
var hotPartner = $"hot-{run}";
await SeedAsync(hotPartner, [VoucherOf(hotPartner, "hot", VoucherType.TypeI, null)], 8);
var hot = Enumerable.Range(0, bills).Select(i => ($"h{i}", BillJson($"h{i}", hotPartner, "partner", $"c{i % 8}", i))).ToArray();

// Warm-up (JIT, connections, customer cache), not measured.
await RunAppAsync("warm-up", spread.Take(200).Select(b => (b.Item1 + "w", b.Item2.Replace($"\"{b.Item1}\"", $"\"{b.Item1}w\"", StringComparison.Ordinal))).ToArray());

var uncontended = await RunAppAsync("app: many partners", spread);
var contended = await RunAppAsync("app: one hot voucher", hot);

var baselineCalls = new OwnCallsPolicy();
var baselineQueue = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
baselineQueue.AddPolicy(baselineCalls, HttpPipelinePosition.PerRetry);
var baselineTable = new TableClientOptions();
baselineTable.AddPolicy(baselineCalls, HttpPipelinePosition.PerRetry);
var baseline = await Baseline.RunAsync("raw baseline (no domain logic)", azurite.ConnectionString, Own(), baselineQueue, baselineTable, baselineCalls,
    spread.Select(b => (b.Item1, "p" + (b.Item1.GetHashCode() & 31), b.Item2)).ToArray());

Console.WriteLine();
Console.WriteLine($"{"run",-32} {"bills",6} {"bills/s",9} {"p50 ms",8} {"p99 ms",8} {"storage calls/bill",19}");
foreach (var r in new[] { baseline, uncontended, contended })
{
    Console.WriteLine($"{r.Name,-32} {r.Bills,6} {r.BillsPerSecond,9:F0} {r.P50,8:F0} {r.P99,8:F0} {r.CallsPerBill,19:F2}");
}

Console.WriteLine();
Console.WriteLine($"uncontended / baseline throughput : {uncontended.BillsPerSecond / baseline.BillsPerSecond:F2}  (target >= 0.70)");
Console.WriteLine($"hot voucher / uncontended         : {contended.BillsPerSecond / uncontended.BillsPerSecond:F2}  (target >= 0.50)");
Console.WriteLine($"storage calls per bill (app)      : {uncontended.CallsPerBill:F2} many partners, {contended.CallsPerBill:F2} hot voucher  (target <= 4)");
var hotBalance = (await sp.GetRequiredService<IVoucherStore>().GetAsync(hotPartner, "hot"))!.Value;
var expectedMinor = hot.Sum(h => 100_000_000L + (int.Parse(h.Item1[1..], System.Globalization.CultureInfo.InvariantCulture) % 100 * 1_000_000L));
Console.WriteLine($"hot voucher check                 : used {hotBalance.UsedAmount.MinorUnits} of expected {expectedMinor} (10^-8 units): {(hotBalance.UsedAmount.MinorUnits == expectedMinor ? "exact" : "MISMATCH")}");
