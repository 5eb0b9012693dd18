using System.Net;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Composition;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.LocalHost;
using VoucherFunctions.LocalHost.LocalAuth;
using VoucherFunctions.Storage;
using VoucherFunctions.Webhooks.Outbound;

namespace VoucherFunctions.Functions.Tests.Webhooks;

/// <summary>
/// The app on the local host (real queues, Azurite, HTTP) with short webhook retries, so a retry window passes
/// within a test: first retry after 1 s, at most 2 s apart, a 15 s window, 2 s per attempt. Loopback and http
/// are allowed (the local host's defaults), so receivers run on this machine.
/// </summary>
public class WebhookHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(15);

    public LocalFunctionsHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public LocalTokenIssuer Tokens { get; } = new();

    /// <summary>Settings on top of the tokens' (a derived fixture changes them).</summary>
    protected virtual IReadOnlyDictionary<string, string?> WebhookSettings => new Dictionary<string, string?>
    {
        ["Webhooks:FirstRetryDelay"] = "00:00:01",
        ["Webhooks:MaxRetryDelay"] = "00:00:02",
        ["Webhooks:RetryWindow"] = RetryWindow.ToString(),
        ["Webhooks:AttemptTimeout"] = "00:00:02",
    };

    /// <summary>The host name resolver of the app (the real DNS unless a derived fixture says otherwise).</summary>
    protected virtual IHostAddressResolver? Resolver => null;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Tokens.Settings);
        foreach (var (key, value) in WebhookSettings)
        {
            settings[key] = value;
        }

        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
            ConfigureServices = (services, configuration) =>
            {
                services.AddVoucherFunctions(configuration);
                if (Resolver is { } resolver)
                {
                    services.AddSingleton(resolver);
                }
            },
            Url = "http://127.0.0.1:0",
            TaskHubName = "Hooks" + Guid.NewGuid().ToString("N")[..8],
            Settings = settings,
        });
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public ApiClient As(string partnerId, params string[] roles) => new(Http, Tokens.Mint(new TokenRequest(roles, partnerId)));

    /// <summary>A channel manager (vendor role, no partner id).</summary>
    public ApiClient ChannelManager() => new(Http, Tokens.Mint(new TokenRequest(["channel-manager"], Subject: "cm-1")));

    public ApiClient WithRoles(params string[] roles) => new(Http, Tokens.Mint(new TokenRequest(roles, "p-any", CustomerUin: roles.Contains("customer") ? "c-1" : null)));

    public ApiClient WithToken(string? token) => new(Http, token);

    public QueueClient Queue(string name) => new(Host.StorageConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public Task PublishAsync(string cloudEvent) => Queue(QueueNames.VoucherEvents).SendMessageAsync(cloudEvent);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookHostFixture>
{
    public const string Name = "webhooks";
}

/// <summary>
/// The app as in Azure: https only, loopback refused. Names resolve through <see cref="TestResolver"/>: a few test
/// names map to private and metadata addresses (no DNS server here can be made to answer those — the one stand-in
/// of these tests), and "rebind.test" answers a public address once and 127.0.0.1 afterwards (DNS rebinding);
/// every other name goes to the real DNS ("localhost" among them).
/// </summary>
public sealed class StrictWebhookHostFixture : WebhookHostFixture
{
    public TestResolver Names { get; } = new();

    protected override IReadOnlyDictionary<string, string?> WebhookSettings => new Dictionary<string, string?>(base.WebhookSettings)
    {
        ["Webhooks:AllowHttp"] = "false",
        ["Webhooks:AllowLoopback"] = "false",
    };

    protected override IHostAddressResolver Resolver => Names;
}

[CollectionDefinition(Name)]
public sealed class StrictWebhookCollection : ICollectionFixture<StrictWebhookHostFixture>
{
    public const string Name = "strict-webhooks";
}

public sealed class TestResolver : IHostAddressResolver
{
    private readonly DnsHostAddressResolver _dns = new();
    private int _rebindLookups;

    public Dictionary<string, IPAddress[]> Fixed { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["internal.test"] = [IPAddress.Parse("10.20.30.40")],
        ["metadata.test"] = [IPAddress.Parse("169.254.169.254")],
        ["loop.test"] = [IPAddress.Parse("127.0.0.1")],
        ["loop6.test"] = [IPAddress.IPv6Loopback],
        ["mixed.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("192.168.1.10")],
    };

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (string.Equals(host, "rebind.test", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(Interlocked.Increment(ref _rebindLookups) == 1 ? new[] { IPAddress.Parse("93.184.216.34") } : [IPAddress.Loopback]);
        }

        return Fixed.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : _dns.ResolveAsync(host, cancellationToken);
    }
}
