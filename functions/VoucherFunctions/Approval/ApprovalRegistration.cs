using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VoucherFunctions.Approval;

public static class ApprovalRegistration
{
    /// <summary>The Type II review: its options (validated at start) and the decision service the functions and the orchestration share.</summary>
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
