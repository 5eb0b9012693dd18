using System.Diagnostics;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// The partner-size scenario: the same customer bills and the same customer lists against a partner holding few
/// vouchers and one holding many. Both partners have the same billed customers, each with the same live vouchers;
/// the large one adds, for each billed customer, a history of exhausted and long-expired vouchers, and thousands
/// of other customers' vouchers. Seeded through the stores (atomic commits of 49 vouchers, several in flight).
/// </summary>
public sealed class PartnerSize(IServiceProvider services, DateTimeOffset t0)
{
    public const int BilledCustomers = 10;
    public const int LivePerCustomer = 10;
    public const int HistoryPerCustomer = 100;
    public const int OthersPerCustomer = 20;

    /// <summary>Vouchers per commit: each is two writes (row and id pointer) of the 100 a transaction holds.</summary>
    // 49 vouchers are 98 writes; their events are one more (the outbox row).
    public const int PerCommit = 49;

    /// <summary>Commits in flight for one partner: they share the process's reserved voucher numbers, so they do not race for the counter.</summary>
    public const int CommitsInFlight = 8;

    private static readonly DateTimeOffset LiveUntil = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Customer(int i) => $"c{i}";

    /// <summary>Seeds the partner with <paramref name="count"/> vouchers (at least the billed customers' live ones); returns how long it took.</summary>
    public async Task<TimeSpan> SeedAsync(string partnerId, int count)
    {
        var clock = Stopwatch.StartNew();
        var customers = services.GetRequiredService<ICustomerStore>();
        await Task.WhenAll(Enumerable.Range(0, BilledCustomers).Select(c => customers.AddAsync(new Customer(Customer(c), partnerId, $"Customer {c}"))));

        var all = new List<Voucher>();
        for (var c = 0; c < BilledCustomers; c++)
        {
            all.AddRange(Enumerable.Range(0, LivePerCustomer).Select(i => Make(partnerId, $"live-{c}-{i}", Customer(c))));
        }

        var history = count > all.Count ? Math.Min(HistoryPerCustomer, (count - all.Count) / BilledCustomers) : 0;
        for (var c = 0; c < BilledCustomers; c++)
        {
            for (var i = 0; i < history; i++)
            {
                var old = Make(partnerId, $"old-{c}-{i}", Customer(c));
                all.Add(i % 2 == 0
                    ? old with { Balance = Money.Zero(Currency.USD), Status = VoucherStatus.Exhausted }
                    : old with { EffectiveFrom = t0.AddYears(-3), ExpiresAt = t0.AddYears(-2).AddDays(i) });
            }
        }

        for (var n = 0; all.Count < count; n++)
        {
            all.Add(Make(partnerId, $"other-{n}", $"o{n / OthersPerCustomer}"));
        }

        var commits = services.GetRequiredService<IPartnerCommitFactory>();
        var vouchers = services.GetRequiredService<IVoucherStore>();
        var chunks = all.Chunk(PerCommit).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, CommitsInFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < chunks.Length)
            {
                var commit = commits.Begin(partnerId);
                foreach (var voucher in chunks[i])
                {
                    commit.AddVoucher(voucher);
                }

                try
                {
                    await commit.CommitAsync();
                }
                catch (ConcurrencyConflictException)
                {
                    // The client retried a commit whose first attempt had applied (a timeout on a loaded machine):
                    // the atomic commit is all or nothing, so its first voucher being there means all are.
                    if (await vouchers.GetAsync(partnerId, chunks[i][0].VoucherId) is null)
                    {
                        throw;
                    }
                }
            }
        }));
        return clock.Elapsed;
    }

    /// <summary>Rows in the key range one customer bill reads (what the server scans), for the first billed customer.</summary>
    public async Task<int> RowsReadByABillAsync(TableServiceClient tables, string partnerId, DateTimeOffset billTime)
    {
        var live = VoucherKeys.LifePrefix(VoucherType.TypeIII, Customer(0), VoucherKeys.Live);
        return await CountAsync(tables, partnerId, VoucherKeys.ValidAfter(live, billTime), Keys.PrefixEnd(live));
    }

    /// <summary>Rows in the key range of the customer's "active" list.</summary>
    public async Task<int> RowsReadByTheListAsync(TableServiceClient tables, string partnerId)
    {
        var live = VoucherKeys.LifePrefix(VoucherType.TypeIII, Customer(0), VoucherKeys.Live);
        return await CountAsync(tables, partnerId, VoucherKeys.ExpiringFrom(live, DateTimeOffset.UtcNow), Keys.PrefixEnd(live));
    }

    /// <summary>GET customer-vouchers?status=active&amp;customerUin=… over HTTP, <paramref name="connections"/> at a time; the latencies in ms.</summary>
    public static async Task<double[]> ListAsync(Uri baseAddress, string token, int requests, int connections)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var latencies = new double[requests];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"api/customer-vouchers?status=active&customerUin={Customer(i % BilledCustomers)}&pageSize=20");
                var body = await response.Content.ReadAsStringAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || CountItems(body) != LivePerCustomer)
                {
                    throw new InvalidOperationException($"The list answered {(int)response.StatusCode} with {CountItems(body)} items: {body[..Math.Min(body.Length, 300)]}");
                }
            }
        }));
        return latencies;
    }

    private static int CountItems(string body)
    {
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("items", out var items) ? items.GetArrayLength() : -1;
    }

    private static async Task<int> CountAsync(TableServiceClient tables, string partnerId, string from, string to)
    {
        var client = tables.GetTableClient(TableNames.Ledger);
        var count = 0;
        await foreach (var _ in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Partner(partnerId)} and RowKey ge {from} and RowKey lt {to}"), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private Voucher Make(string partnerId, string id, string uin) => new()
    {
        VoucherId = id, PartnerId = partnerId, Type = VoucherType.TypeIII, Purpose = VoucherPurpose.CustomerDiscount,
        FundingParty = FundingParty.Partner, CustomerUin = uin, Name = id,
        Amount = Money.FromUnits(1_000_000_000, Currency.USD), Balance = Money.FromUnits(1_000_000_000, Currency.USD), WithdrawnAmount = Money.Zero(Currency.USD),
        ProductScope = ProductScope.AllProducts, PaymentModeScope = PaymentModeScope.All, FrozenBlocklist = ProductSet.Empty,
        IssuedAt = t0, EffectiveFrom = t0, ExpiresAt = LiveUntil, Status = VoucherStatus.Active, StatusChangedAt = t0,
    };
}
