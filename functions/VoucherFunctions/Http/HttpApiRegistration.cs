using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.Idempotency;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Http;

public static class HttpApiRegistration
{
    /// <summary>The HTTP conventions (token validation, pipeline, idempotency, OpenAPI). Auth options are validated at start.</summary>
    public static IServiceCollection AddHttpApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SigningKeySource>();
        services.AddSingleton<BearerAuthenticator>();
        services.AddSingleton<IdempotencyGate>();
        services.AddSingleton<ApiRunner>();
        services.AddSingleton<ApiDocument>();
        return services;
    }
}
