using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VoucherFunctions.Approval;

public static class ApprovalRegistration
{
    /// <summary>The Type II review: options (validated at start), the decision service, and the activities' class.</summary>
    public static IServiceCollection AddApproval(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApprovalOptions>()
            .Bind(configuration.GetSection(ApprovalOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ApprovalService>();
        return services;
    }
}
