using System.Reflection;

namespace VoucherFunctions.LocalHost;

/// <summary>What the local host serves and where.</summary>
public sealed record LocalHostOptions
{
    /// <summary>The assembly whose <c>[Function]</c> methods are served.</summary>
    public required Assembly FunctionAssembly { get; init; }

    /// <summary>The app's own service registrations (for the voucher app: AddVoucherFunctions).</summary>
    public Action<IServiceCollection, IConfiguration> ConfigureServices { get; init; } = (_, _) => { };

    /// <summary>The address HTTP functions are served on; port 0 picks a free one.</summary>
    public string Url { get; init; } = "http://127.0.0.1:7071";

    /// <summary>host.json to honour (route prefix, queue settings, hub name).</summary>
    public string HostJsonPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "host.json");

    /// <summary>A storage connection string. When null, an Azurite is started (in memory unless <see cref="AzuriteDataDirectory"/> is set).</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>Where a started Azurite keeps its data; null keeps it in memory.</summary>
    public string? AzuriteDataDirectory { get; init; }

    /// <summary>Overrides the durable task hub name from host.json (tests use one per run).</summary>
    public string? TaskHubName { get; init; }

    /// <summary>The key Function-level HTTP functions require; a random one when null.</summary>
    public string? FunctionKey { get; init; }

    /// <summary>
    /// How long a queue message being processed stays invisible; renewed when half has passed while its function
    /// runs. After a crash a message comes back within this time. Whole seconds, at least 2.
    /// </summary>
    public TimeSpan QueueLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra configuration values, applied last.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Lets a caller add endpoints of its own (the app's local extras: token minting, API reference).</summary>
    public Action<WebApplication>? ConfigureApp { get; init; }
}
