using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Http;

namespace VoucherFunctions.Api;

public static class PartnerApiRegistration
{
    /// <summary>The partner HTTP API: its conventions (Http/) and the application services its functions call.</summary>
    public static IServiceCollection AddPartnerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpApi(configuration);
        return services;
    }
}
