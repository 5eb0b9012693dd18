using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Application.ApiKeys;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.ApiKeys;
using VoucherFunctions.Vendor.Actions;
using VoucherFunctions.Vendor.Signing;

namespace VoucherFunctions.Vendor;

public static class VendorRegistration
{
    /// <summary>The vendor-compatible API and the partner API keys it is signed with. Options are validated at start.</summary>
    public static IServiceCollection AddVendorApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VendorOptions>()
            .Bind(configuration.GetSection(VendorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IApiKeyStore, TableApiKeyStore>();
        services.AddSingleton<ISignatureReplayGuard, TableSignatureReplayGuard>();
        services.AddSingleton<SecretKeyProtector>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<VendorAuthenticator>();
        services.AddSingleton<VendorRateLimits>();
        services.AddSingleton<VendorReads>();
        services.AddSingleton<VoucherListActions>();
        services.AddSingleton<UsageDetailActions>();
        services.AddSingleton<ByUinActions>();
        services.AddSingleton<VoucherPoolAction>();
        services.AddSingleton<VendorActionCatalog>();
        services.AddSingleton<VendorGateway>();
        return services;
    }
}
