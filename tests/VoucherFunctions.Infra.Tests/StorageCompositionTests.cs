using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoucherFunctions.Composition;

namespace VoucherFunctions.Infra.Tests;

/// <summary>
/// The app runs with the settings the Bicep gives it: without a connection string it builds its table and
/// queue clients from the AzureWebJobsStorage__*ServiceUri settings and DefaultAzureCredential.
/// </summary>
public sealed class StorageCompositionTests
{
    private static readonly Uri Blob = new("https://stvouchertest.blob.core.windows.net/");
    private static readonly Uri Queue = new("https://stvouchertest.queue.core.windows.net/");
    private static readonly Uri Table = new("https://stvouchertest.table.core.windows.net/");

    /// <summary>Sample values for the Bicep's app settings, as Azure would resolve them.</summary>
    private static readonly Dictionary<string, string> Resolved = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage__blobServiceUri"] = Blob.ToString(),
        ["AzureWebJobsStorage__queueServiceUri"] = Queue.ToString(),
        ["AzureWebJobsStorage__tableServiceUri"] = Table.ToString(),
        ["AzureWebJobsStorage__clientId"] = "00000000-0000-0000-0000-000000000001",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "IngestionEndpoint=https://example.invalid/",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        ["Auth__Issuer"] = "https://issuer.example/v2.0",
        ["Auth__Audience"] = "api://voucherfunctions-test",
        ["Auth__MetadataAddress"] = "https://issuer.example/v2.0/.well-known/openid-configuration",
        ["VendorApi__KeyEncryptionKey"] = "a key-encryption key as Key Vault resolves it, 32+ characters",
    };

    [Fact]
    public void The_bicep_app_settings_build_identity_based_clients_without_a_connection_string()
    {
        // Every setting of the template, with literals kept and expressions replaced by sample values;
        // environment variables reach configuration with "__" read as ":".
        var settings = FunctionAppTests.AppSettings().ToDictionary(
            s => s.Key.Replace("__", ":", StringComparison.Ordinal),
            s => s.Value.StartsWith('[') ? Resolved[s.Key] : s.Value);
        using var provider = Compose(settings);

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.False(options.UsesConnectionString);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ClientId);

        var tables = provider.GetRequiredService<TableServiceClient>();
        var queues = provider.GetRequiredService<QueueServiceClient>();
        Assert.Equal(Table, tables.Uri);
        Assert.Equal(Queue, queues.Uri);
        Assert.Equal("stvouchertest", tables.AccountName);
        Assert.Equal("stvouchertest", queues.AccountName);
        // No shared key anywhere: a SAS cannot be generated from these clients.
        Assert.False(queues.CanGenerateAccountSasUri);
    }

    [Fact]
    public void A_connection_string_still_wins_for_local_runs()
    {
        using var provider = Compose(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage:tableServiceUri"] = Table.ToString(),
        });

        Assert.True(provider.GetRequiredService<IOptions<StorageOptions>>().Value.UsesConnectionString);
        Assert.Equal("devstoreaccount1", provider.GetRequiredService<TableServiceClient>().AccountName);
        Assert.True(provider.GetRequiredService<QueueServiceClient>().CanGenerateAccountSasUri);
    }

    [Fact]
    public void Without_connection_string_or_service_uris_the_app_says_what_to_set()
    {
        using var provider = Compose(new Dictionary<string, string> { ["AzureWebJobsStorage:clientId"] = "x" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TableServiceClient>());
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Compose(IDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings!).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVoucherFunctions(configuration);
        return services.BuildServiceProvider();
    }
}
