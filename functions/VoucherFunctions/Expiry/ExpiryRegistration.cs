using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VoucherFunctions.Expiry;

public static class ExpiryRegistration
{
    /// <summary>The expiry sweep and its options (validated at start).</summary>
    public static IServiceCollection AddExpiry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExpiryOptions>()
            .Bind(configuration.GetSection(ExpiryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ExpirySweeper>();
        return services;
    }
}
