using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing;

public static class BillingRegistration
{
    /// <summary>The bill pipeline: reading, coalescing per partner, applying, outcomes, rejections. Options from the <c>Billing</c> section, validated at start.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>()
            .Bind(configuration.GetSection(BillingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BillingOptions>>().Value);
        services.AddSingleton<IBillRejectionStore, TableBillRejectionStore>();
        services.AddSingleton<CustomerDirectory>();
        services.AddSingleton<BillGroupProcessor>();
        services.AddSingleton<PartnerBillBatcher>();
        services.AddSingleton<BillQueues>();
        services.AddSingleton<BillService>();
        services.AddSingleton<BillOutcomeLookup>();
        return services;
    }
}
