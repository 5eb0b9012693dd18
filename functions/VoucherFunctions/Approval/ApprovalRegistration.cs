using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Application.Applications;
using VoucherFunctions.Application.Distribution;
using VoucherFunctions.Application.PartnerVouchers;

namespace VoucherFunctions.Approval;

public static class ApprovalRegistration
{
    /// <summary>The Type II review and the partner vouchers: options (validated at start) and the services the functions call.</summary>
    public static IServiceCollection AddApproval(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApprovalOptions>()
            .Bind(configuration.GetSection(ApprovalOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<ApplicationService>();
        services.AddSingleton<PartnerVoucherService>();
        services.AddSingleton<DistributionService>();
        return services;
    }
}
