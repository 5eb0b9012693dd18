using Microsoft.Extensions.Hosting;
using VoucherFunctions.Composition;

// The Functions host entry point. Every service registration lives in AddVoucherFunctions so that the
// local host (functions/VoucherFunctions.LocalHost) composes exactly the same services.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices((context, services) => services.AddVoucherFunctions(context.Configuration))
    .Build();

host.Run();
