using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage;

public static class StorageRegistration
{
    /// <summary>The Table Storage adapters of every port, on the app's <c>TableServiceClient</c>.</summary>
    public static IServiceCollection AddVoucherStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => OptimisticRetry.Default with { Metrics = sp.GetRequiredService<Telemetry.VoucherMetrics>() });
        services.AddSingleton(sp => new LedgerTable(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton<VoucherLayoutMigration>();
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
        services.AddSingleton<IBillLedger, TableBillLedger>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<IPartnerCommitFactory, TablePartnerCommitFactory>();
        services.AddSingleton<IVendorCatalogStore, TableVendorCatalogStore>();
        return services;
    }
}
