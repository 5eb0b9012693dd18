using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoucherFunctions.Api;
using VoucherFunctions.Approval;
using VoucherFunctions.Billing;
using VoucherFunctions.Expiry;
using VoucherFunctions.Health;
using VoucherFunctions.Storage;
using VoucherFunctions.Telemetry;
using VoucherFunctions.Vendor;
using VoucherFunctions.Webhooks;

namespace VoucherFunctions.Composition;

public static class VoucherFunctionsRegistration
{
    /// <summary>
    /// Registers everything the function classes need. Called by the app's Program.cs and by the local host,
    /// so both run the same composition. Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddVoucherFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        // First: it turns on Azure SDK tracing before any client exists (see AddVoucherTelemetry).
        services.AddVoucherTelemetry(configuration);
        services.AddOptions<StorageOptions>()
            .Configure(options => BindStorage(configuration, options))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CreateTableServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CreateQueueServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<StorageHealthProbe>();
        services.AddVoucherStorage();
        services.AddHostedService<QueueProvisioner>();
        services.AddPartnerApi(configuration);
        services.AddApproval(configuration);
        services.AddBilling(configuration);
        services.AddExpiry(configuration);
        services.AddVendorApi(configuration);
        services.AddWebhooks(configuration);
        return services;
    }

    // AzureWebJobsStorage is either a plain string (connection string) or a section of service URIs.
    private static void BindStorage(IConfiguration configuration, StorageOptions options)
    {
        var section = configuration.GetSection(StorageOptions.SectionName);
        options.ConnectionString = section.Value;
        options.TableServiceUri = ParseUri(section["tableServiceUri"]);
        options.QueueServiceUri = ParseUri(section["queueServiceUri"]);
        options.ClientId = section["clientId"];
    }

    private static Uri? ParseUri(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new Uri(value, UriKind.Absolute);

    private static TableServiceClient CreateTableServiceClient(StorageOptions options)
    {
        var clientOptions = new TableClientOptions { Transport = StorageTransport.Shared };
        return options.UsesConnectionString
            ? new TableServiceClient(options.ConnectionString, clientOptions)
            : new TableServiceClient(options.TableServiceUri!, Credential(options), clientOptions);
    }

    private static QueueServiceClient CreateQueueServiceClient(StorageOptions options)
    {
        // The Functions queue trigger reads base64 bodies, so everything we send is base64 too.
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64, Transport = StorageTransport.Shared };
        return options.UsesConnectionString
            ? new QueueServiceClient(options.ConnectionString, clientOptions)
            : new QueueServiceClient(options.QueueServiceUri!, Credential(options), clientOptions);
    }

    /// <summary>
    /// The identity the app reaches identity-based storage with (Azure): the app's managed identity only, the
    /// user-assigned one of <c>AzureWebJobsStorage__clientId</c> (as the Bicep sets it, with
    /// <c>__credential</c> = <c>managedidentity</c>) or else the system-assigned one. Not DefaultAzureCredential:
    /// its chain probes environment, workload identity and developer tools first, so start would depend on
    /// what else the machine has.
    /// </summary>
    public static TokenCredential Credential(StorageOptions options) => new ManagedIdentityCredential(
        string.IsNullOrWhiteSpace(options.ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}
