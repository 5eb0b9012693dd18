using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoucherFunctions.Composition;

namespace VoucherFunctions.Infra.Tests;

/// <summary>
/// The app runs with the settings the Bicep gives it: without a connection string it builds its table and
/// queue clients from the AzureWebJobsStorage__*ServiceUri settings and the managed identity of __clientId.
/// </summary>
public sealed class StorageCompositionTests
{
    private static readonly Uri Blob = new("https://stvouchertest.blob.core.windows.net/");
    private static readonly Uri Queue = new("https://stvouchertest.queue.core.windows.net/");
    private static readonly Uri Table = new("https://stvouchertest.table.core.windows.net/");

    /// <summary>Sample values for the Bicep's app settings, as Azure would resolve them.</summary>
    internal static readonly Dictionary<string, string> Resolved = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage__blobServiceUri"] = Blob.ToString(),
        ["AzureWebJobsStorage__queueServiceUri"] = Queue.ToString(),
        ["AzureWebJobsStorage__tableServiceUri"] = Table.ToString(),
        ["AzureWebJobsStorage__clientId"] = "00000000-0000-0000-0000-000000000001",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=https://example.invalid/",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        // traceSamplingPercentage's default, 10.
        ["OTEL_TRACES_SAMPLER_ARG"] = "0.10",
        ["Auth__Issuer"] = "https://issuer.example/v2.0",
        ["Auth__Audience"] = "api://voucherfunctions-test",
        ["Auth__MetadataAddress"] = "https://issuer.example/v2.0/.well-known/openid-configuration",
        ["VendorApi__KeyEncryptionKey"] = "a key-encryption key as Key Vault resolves it, 32+ characters",
    };

    [Fact]
    public void The_bicep_app_settings_build_identity_based_clients_without_a_connection_string()
    {
        using var provider = Compose(BicepSettings());

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
    public async Task In_azure_the_clients_take_their_tokens_from_the_managed_identity_of_the_configured_client_id()
    {
        using var provider = Compose(BicepSettings());
        var credential = VoucherFunctionsRegistration.Credential(provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.IsType<ManagedIdentityCredential>(credential);

        // The managed identity endpoint is the one part that cannot run here. The Functions host (App Service) hands
        // it to the app in IDENTITY_ENDPOINT and IDENTITY_HEADER; a loopback listener stands in for it.
        using var endpoint = new HttpListener();
        var port = FreePort();
        endpoint.Prefixes.Add($"http://127.0.0.1:{port}/msi/");
        endpoint.Start();
        var request = Task.Run(async () =>
        {
            var context = await endpoint.GetContextAsync();
            var query = System.Web.HttpUtility.ParseQueryString(context.Request.Url!.Query);
            var header = context.Request.Headers["X-IDENTITY-HEADER"];
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["access_token"] = "token-of-the-identity",
                ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = query["resource"] ?? "",
                ["token_type"] = "Bearer",
                ["client_id"] = query["client_id"] ?? "",
            }));
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
            return (ClientId: query["client_id"], Resource: query["resource"], Header: header);
        });
        string?[] saved = [Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"), Environment.GetEnvironmentVariable("IDENTITY_HEADER")];
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", $"http://127.0.0.1:{port}/msi/token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "header-from-the-host");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var token = await credential.GetTokenAsync(new TokenRequestContext(["https://storage.azure.com/.default"]), timeout.Token);

            Assert.Equal("token-of-the-identity", token.Token);
            var seen = await request.WaitAsync(timeout.Token);
            Assert.Equal("00000000-0000-0000-0000-000000000001", seen.ClientId);
            Assert.Equal("https://storage.azure.com", seen.Resource);
            Assert.Equal("header-from-the-host", seen.Header);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", saved[0]);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", saved[1]);
        }
    }

    [Fact]
    public void Without_a_client_id_the_system_assigned_identity_is_used()
    {
        Assert.IsType<ManagedIdentityCredential>(VoucherFunctionsRegistration.Credential(new StorageOptions { TableServiceUri = Table, QueueServiceUri = Queue }));
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
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

    /// <summary>
    /// Every setting of the template, with literals kept and expressions replaced by sample values;
    /// environment variables reach configuration with "__" read as ":".
    /// </summary>
    internal static Dictionary<string, string> BicepSettings() => FunctionAppTests.AppSettings().ToDictionary(
        s => s.Key.Replace("__", ":", StringComparison.Ordinal),
        s => s.Value.StartsWith('[') ? Resolved[s.Key] : s.Value);

    internal static ServiceProvider Compose(IDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings!).Build();
        var services = new ServiceCollection();
        // As the Functions host registers it: the libraries that read settings themselves (the Azure Monitor exporter) find it.
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddVoucherFunctions(configuration);
        return services.BuildServiceProvider();
    }
}
