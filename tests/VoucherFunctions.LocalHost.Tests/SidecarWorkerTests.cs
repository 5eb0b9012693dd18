using System.Reflection;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VoucherFunctions.LocalHost.Tests;

public sealed class SidecarWorkerTests(TestFunctionsHostFixture fixture) : IClassFixture<TestFunctionsHostFixture>
{
    [Fact]
    public void The_durable_worker_does_not_wait_for_health_pings_that_the_in_process_sidecar_never_sends()
    {
        // With the default (120 s) an idle local host logged "Channel to backend has stopped receiving traffic"
        // and rebuilt its work-item stream every time the timer ran out. The option is internal to the worker
        // package (set through InternalOptionsExtensions), so it is read by reflection.
        var options = fixture.Host.Services.GetRequiredService<IOptionsMonitor<GrpcDurableTaskWorkerOptions>>().Get(Options.DefaultName);
        var @internal = typeof(GrpcDurableTaskWorkerOptions).GetProperty("Internal", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(options)!;
        var timeout = (TimeSpan)@internal.GetType().GetProperty("SilentDisconnectTimeout")!.GetValue(@internal)!;

        Assert.True(timeout <= TimeSpan.Zero, $"SilentDisconnectTimeout is {timeout}.");
    }
}
