using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing;

public static class BillingRegistration
{
    /// <summary>The bill pipeline: reading, coalescing per partner, applying, outcomes, rejections. Options from the <c>Billing</c> section.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Billing");
        var options = new BillingOptions();
        options = options with
        {
            GroupWindow = section.GetValue("GroupWindow", options.GroupWindow),
            MaxGroupSize = section.GetValue("MaxGroupSize", options.MaxGroupSize),
            Coalesce = section.GetValue("Coalesce", options.Coalesce),
        };
        if (options.MaxGroupSize < 1)
        {
            // A group of no bills never empties a partner's queue: its drain loop would spin and its bills never finish.
            throw new InvalidOperationException($"Billing:MaxGroupSize must be at least 1 (it is {options.MaxGroupSize}).");
        }

        services.AddSingleton(options);
        services.AddSingleton<IBillBatchLedger>(sp => (IBillBatchLedger)sp.GetRequiredService<Domain.Ports.IBillLedger>());
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
