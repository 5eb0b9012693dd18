using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using VoucherFunctions.DevStorage;
using VoucherFunctions.Storage;
using VoucherFunctions.Storage.Expiry;
using VoucherFunctions.Storage.Outbox;

namespace VoucherFunctions.Storage.Tests.Support;

/// <summary>
/// One Azurite for the whole test assembly, started on first use and stopped when the process exits
/// (its supervisor also exits if this process dies). Shared by every test class so classes still run
/// in parallel; each test gets its own table, so tests never see each other's rows.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<AzuriteServer> InstanceAsync() => Server.Value;

    private static async Task<AzuriteServer> StartAsync()
    {
        var server = await AzuriteServer.StartAsync(new AzuriteOptions());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}

/// <summary>Every adapter over a fresh, uniquely named ledger table.</summary>
public sealed class Ledger
{
    private Ledger(TableServiceClient service, QueueServiceClient queues, string tableName)
    {
        Service = service;
        Queues = queues;
        Table = new LedgerTable(service, tableName);
        // Each ledger's events go to a queue of its own (real queue, as in the app), so tests never see each other's.
        EventQueue = queues.GetQueueClient("ev" + tableName[1..]);
        Outbox = OutboxOn(Table, new QueueEventPublisher(queues, EventQueue.Name));
        ExpiryIndex = new ExpiryIndex(Table);
        Layout = new VoucherLayoutMigration(Table, NullLogger<VoucherLayoutMigration>.Instance);
        Vouchers = new TableVoucherStore(Table, Layout, Outbox, ExpiryIndex);
        Templates = new TableTemplateStore(Table);
        Customers = new TableCustomerStore(Table);
        Applications = new TableApplicationStore(Table, Outbox, ExpiryIndex, NullLogger<TableApplicationStore>.Instance);
        Settings = new TablePartnerSettingsStore(Table);
        Quotas = new TableQuotaPoolStore(Table);
        Usage = new TableUsageStore(Table);
        Bills = new TableBillLedger(Table, Layout, Outbox, NullLogger<TableBillLedger>.Instance);
        Idempotency = new TableIdempotencyStore(Table);
        Commits = new TablePartnerCommitFactory(Table, Outbox, ExpiryIndex);
        Vendor = new TableVendorCatalogStore(Table);
    }

    public TableServiceClient Service { get; }
    public QueueServiceClient Queues { get; }
    public LedgerTable Table { get; }
    public QueueClient EventQueue { get; }
    public EventOutbox Outbox { get; }
    public ExpiryIndex ExpiryIndex { get; }
    public VoucherLayoutMigration Layout { get; }
    public TableVoucherStore Vouchers { get; }
    public TableTemplateStore Templates { get; }
    public TableCustomerStore Customers { get; }
    public TableApplicationStore Applications { get; }
    public TablePartnerSettingsStore Settings { get; }
    public TableQuotaPoolStore Quotas { get; }
    public TableUsageStore Usage { get; }
    public TableBillLedger Bills { get; }
    public TableIdempotencyStore Idempotency { get; }
    public TablePartnerCommitFactory Commits { get; }
    public TableVendorCatalogStore Vendor { get; }

    /// <summary>The same table through new adapters: a second process, or the app after a restart (nothing remembered).</summary>
    public Ledger Reopen() => new(Service, Queues, Table.TableName);

    /// <summary>An outbox over <paramref name="table"/> publishing through <paramref name="publisher"/>.</summary>
    public static EventOutbox OutboxOn(LedgerTable table, IEventPublisher publisher) =>
        new(table, publisher, TimeProvider.System, NullLogger<EventOutbox>.Instance);

    /// <summary>Partner commits on a table of the test's own (events to a queue nobody reads).</summary>
    public static TablePartnerCommitFactory CommitsOn(LedgerTable table) =>
        new(table, OutboxOn(table, new NoPublisher()), new ExpiryIndex(table));

    public BillDeduction Deduction(TimeProvider? time = null) => new(Settings, Bills, time ?? TimeProvider.System);

    public static async Task<Ledger> CreateAsync()
    {
        var server = await SharedAzurite.InstanceAsync();
        return new Ledger(
            new TableServiceClient(server.ConnectionString),
            new QueueServiceClient(server.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
            "t" + Guid.NewGuid().ToString("N"));
    }

    private sealed class NoPublisher : IEventPublisher
    {
        public Task PublishAsync(IReadOnlyList<string> cloudEvents, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
