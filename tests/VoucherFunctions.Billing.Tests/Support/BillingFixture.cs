using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Billing;
using VoucherFunctions.Composition;
using VoucherFunctions.DevStorage;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.LocalHost.LocalAuth;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing.Tests.Support;

/// <summary>
/// One in-memory Azurite for the assembly and the app's own composition (AddVoucherFunctions) over it. Tests
/// share it in one collection (they run one after another, so the fixed outcome and poison queues are theirs
/// while they run) and use unique partner ids.
/// </summary>
public sealed class BillingFixture : IAsyncLifetime
{
    public AzuriteServer Azurite { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public LocalTokenIssuer Tokens { get; } = new();

    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync(new AzuriteOptions());
        Services = Build(Azurite.ConnectionString, Tokens.Settings);
        Queues = new QueueServiceClient(Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        foreach (var name in QueueNames.All)
        {
            await Queues.GetQueueClient(name).CreateIfNotExistsAsync();
        }
    }

    public static ServiceProvider Build(string connectionString, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddVoucherFunctions(configuration);
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public World NewWorld(Action<IServiceCollection>? replace = null, TimeSpan? lease = null) => new(this, replace is null ? Services : Build(Azurite.ConnectionString, Tokens.Settings, replace), lease);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BillingCollection : ICollectionFixture<BillingFixture>
{
    public const string Name = "billing";
}
