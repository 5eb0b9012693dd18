using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using VoucherFunctions.DevStorage;
using VoucherFunctions.Storage;

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
    private Ledger(TableServiceClient service, string tableName)
    {
        Service = service;
        Table = new LedgerTable(service, tableName);
        Layout = new VoucherLayoutMigration(Table, NullLogger<VoucherLayoutMigration>.Instance);
        Vouchers = new TableVoucherStore(Table, Layout);
        Templates = new TableTemplateStore(Table);
        Customers = new TableCustomerStore(Table);
        Applications = new TableApplicationStore(Table, NullLogger<TableApplicationStore>.Instance);
        Settings = new TablePartnerSettingsStore(Table);
        Quotas = new TableQuotaPoolStore(Table);
        Usage = new TableUsageStore(Table);
        Bills = new TableBillLedger(Table, Layout, NullLogger<TableBillLedger>.Instance);
        Idempotency = new TableIdempotencyStore(Table);
        Commits = new TablePartnerCommitFactory(Table);
        Vendor = new TableVendorCatalogStore(Table);
    }

    public TableServiceClient Service { get; }
    public LedgerTable Table { get; }
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
    public Ledger Reopen() => new(Service, Table.TableName);

    public BillDeduction Deduction(TimeProvider? time = null) => new(Settings, Bills, time ?? TimeProvider.System);

    public static async Task<Ledger> CreateAsync()
    {
        var server = await SharedAzurite.InstanceAsync();
        return new Ledger(new TableServiceClient(server.ConnectionString), "t" + Guid.NewGuid().ToString("N"));
    }
}
