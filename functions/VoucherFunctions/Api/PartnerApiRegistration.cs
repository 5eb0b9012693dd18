using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Application.Applications;
using VoucherFunctions.Application.Catalogue;
using VoucherFunctions.Application.CustomerPortal;
using VoucherFunctions.Application.CustomerVouchers;
using VoucherFunctions.Application.Customers;
using VoucherFunctions.Application.Distribution;
using VoucherFunctions.Application.PartnerVouchers;
using VoucherFunctions.Application.Settings;
using VoucherFunctions.Application.Templates;
using VoucherFunctions.Application.Usage;
using VoucherFunctions.Api.Reference;
using VoucherFunctions.Http;

namespace VoucherFunctions.Api;

public static class PartnerApiRegistration
{
    /// <summary>The partner HTTP API: its conventions (Http/) and the application services its functions call.</summary>
    public static IServiceCollection AddPartnerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpApi(configuration);
        // The OpenAPI document's tag texts and example bodies (Http/OpenApi/ApiDocument takes them as IEnumerable).
        foreach (var tag in ApiReferenceContent.Tags)
        {
            services.AddSingleton(tag);
        }

        foreach (var example in ApiReferenceContent.Examples)
        {
            services.AddSingleton(example);
        }

        services.AddSingleton<CustomerService>();
        services.AddSingleton<CatalogueService>();
        services.AddSingleton<TemplateService>();
        services.AddSingleton<CustomerVoucherService>();
        services.AddSingleton<UsageService>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<CustomerPortalService>();
        services.AddSingleton<ApplicationService>();
        services.AddSingleton<PartnerVoucherService>();
        services.AddSingleton<DistributionService>();
        services.AddSingleton<Application.Bills.BillExplainService>();
        services.AddSingleton<Application.Reports.ReconciliationService>();
        services.AddSingleton<Application.Reports.VendorReportService>();
        return services;
    }
}
