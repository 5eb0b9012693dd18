using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Expiry;
using VoucherFunctions.Storage.Outbox;

namespace VoucherFunctions.Storage;

public static class StorageRegistration
{
    /// <summary>The Table Storage adapters of every port, on the app's <c>TableServiceClient</c>.</summary>
    public static IServiceCollection AddVoucherStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => OptimisticRetry.Default with { Metrics = sp.GetRequiredService<Telemetry.VoucherMetrics>() });
        services.AddSingleton(sp => new LedgerTable(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton<VoucherLayoutMigration>();
        // Events commit with their change (outbox) and go to voucher-events; the sweep delivers what a crash left.
        services.AddSingleton<IEventPublisher, QueueEventPublisher>();
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<OutboxSweeper>();
        services.AddSingleton<ExpiryIndex>();
        services.AddHostedService<ExpiryIndexBackfill>();
        services.AddHostedService<VoucherLayoutStartup>();
        services.AddSingleton<IVoucherStore, TableVoucherStore>();
        services.AddSingleton<ITemplateStore, TableTemplateStore>();
        services.AddSingleton<ICustomerStore, TableCustomerStore>();
        services.AddSingleton<IApplicationStore, TableApplicationStore>();
        services.AddSingleton<IPartnerSettingsStore, TablePartnerSettingsStore>();
        services.AddSingleton<IQuotaPoolStore, TableQuotaPoolStore>();
        services.AddSingleton<IUsageStore, TableUsageStore>();
        services.AddSingleton<IVoucherBook, TableVoucherBook>();
        services.AddSingleton<IVendorUsageIndex, TableVendorUsageIndex>();
        // One ledger adapter serves both ports: billing's multi-bill commit and the single-bill ledger.
        services.AddSingleton<TableBillLedger>();
        services.AddSingleton<IBillLedger>(sp => sp.GetRequiredService<TableBillLedger>());
        services.AddSingleton<IBillBatchLedger>(sp => sp.GetRequiredService<TableBillLedger>());
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<IPartnerCommitFactory, TablePartnerCommitFactory>();
        services.AddSingleton<IVendorCatalogStore, TableVendorCatalogStore>();
        return services;
    }
}
