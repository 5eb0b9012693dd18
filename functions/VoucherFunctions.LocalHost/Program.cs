using VoucherFunctions.Composition;
using VoucherFunctions.LocalHost;
using VoucherFunctions.LocalHost.BrowserConsole;
using VoucherFunctions.LocalHost.LocalAuth;
using VoucherFunctions.LocalHost.Reference;
using VoucherFunctions.Telemetry;

// `dotnet run --project functions/VoucherFunctions.LocalHost` serves the voucher app on http://127.0.0.1:7071
// with a persistent Azurite, until Ctrl+C. Set AzureWebJobsStorage to use another storage account instead.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var url = configuration["Url"] ?? "http://127.0.0.1:7071";
var repositoryRoot = RepositoryRoot.Find();
var azuriteData = configuration["AzuriteDataDirectory"] ?? Path.Combine(repositoryRoot, ".azurite");
var tokens = new LocalTokenIssuer(configuration["Auth:SigningKey"], vendorKeyEncryptionKey: configuration["VendorApi:KeyEncryptionKey"] ?? LocalVendorKey.LoadOrCreate(azuriteData));
var options = new LocalHostOptions
{
    FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
    ConfigureServices = (services, config) => services.AddVoucherFunctions(config),
    Url = url,
    StorageConnectionString = configuration["AzureWebJobsStorage"],
    AzuriteDataDirectory = azuriteData,
    Settings = tokens.Settings,
    ConfigureApp = app =>
    {
        LocalTokenEndpoints.Map(app, tokens);
        ApiReferencePage.Map(app);
        ConsoleSite.Map(app);
    },
};

Console.WriteLine("Starting the VoucherFunctions local host (storage emulator, durable engine, functions)...");
await using var host = await LocalFunctionsHost.StartAsync(options);
Console.WriteLine($"""

    VoucherFunctions is listening on {host.BaseAddress}
      health:      curl {host.BaseAddress}api/health
      API:         {host.BaseAddress}api/openapi.json, browsable at {host.BaseAddress}reference
      console:     {host.BaseAddress}console/ (sign in with a role and partner)
      functions:   {string.Join(", ", host.Functions.GroupBy(f => f.Trigger).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))}
    """);
Console.WriteLine(options.StorageConnectionString is null
    ? StorageBanner.Describe(options.AzuriteDataDirectory!, host.StorageConnectionString)
    : "  storage:     AzureWebJobsStorage (as set; not printed)");
// The same registration as in Azure (AddVoucherFunctions): OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, see README "Telemetry".
Console.WriteLine($"  telemetry:   {host.Services.GetRequiredService<TelemetryDestinations>().Describe()}");
Console.WriteLine("""

    Press Ctrl+C to stop.

    """);
Console.WriteLine(DemoTokens.Describe(tokens, host.BaseAddress));
// Ctrl+C (SIGINT) and SIGTERM stop the web host; disposing it then stops Azurite.
await host.WaitForShutdownAsync();
Console.WriteLine("Stopped.");
