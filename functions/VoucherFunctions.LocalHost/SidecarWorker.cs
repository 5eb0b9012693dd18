using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;

namespace VoucherFunctions.LocalHost;

/// <summary>Settings of the durable gRPC worker that only make sense with the local host's in-process sidecar.</summary>
internal static class SidecarWorker
{
    public static void Configure(IServiceCollection services) =>
        services.Configure<GrpcDurableTaskWorkerOptions>(Microsoft.Extensions.Options.Options.DefaultName, options =>
            // The worker reconnects when its work-item stream is silent for SilentDisconnectTimeout, expecting the
            // backend's periodic HealthPing work items (GrpcDurableTaskWorker.Processor, WorkItemStreamOutcome.SilentDisconnect,
            // log "Channel to backend has stopped receiving traffic"). TaskHubGrpcServer (InProcessTestHost) never
            // sends them, so an idle local host tore down and rebuilt its stream, with that warning, every timeout.
            // The sidecar is in this process on loopback: a half-open connection, the failure the timer is for, cannot happen.
            options.SetSilentDisconnectTimeout(TimeSpan.Zero));
}
