using System.Reflection;
using DurableTask.Core;
using VoucherFunctions.LocalHost.Durable;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// The sidecar stops the durable backend from an async void callback, so anything the stop throws ends the process.
/// The backend here is a stand-in (a DispatchProxy): the real failure needs the storage account to vanish and then
/// 10 minutes (TablePartitionManager's lease timeout) before DurableTask.AzureStorage throws.
/// </summary>
public sealed class DurableStopGuardTests
{
    [Fact]
    public async Task A_backend_whose_stop_fails_is_stopped_without_an_exception_reaching_the_caller()
    {
        var backend = Backend.Create(stop: () => Task.FromException(new TimeoutException("Timed-out waiting for the partition manager to shut down.")));
        var guarded = new StartedOnlyStopOrchestrationService(backend);

        await guarded.StartAsync();
        await guarded.StopAsync(isForced: false);

        Assert.Equal(1, Backend.Of(backend).Stops);
    }

    [Fact]
    public async Task A_failed_stop_after_the_host_and_its_logging_are_disposed_still_does_not_throw()
    {
        var backend = Backend.Create(stop: () => Task.FromException(new TimeoutException("Timed-out waiting for the partition manager to shut down.")));
        var guarded = new StartedOnlyStopOrchestrationService(backend, () => throw new ObjectDisposedException("IServiceProvider"));

        await guarded.StartAsync();
        await guarded.StopAsync(isForced: false);

        Assert.Equal(1, Backend.Of(backend).Stops);
    }

    [Fact]
    public async Task A_backend_never_started_is_not_stopped_and_a_started_one_is_stopped_once()
    {
        var backend = Backend.Create(stop: () => Task.CompletedTask);
        var guarded = new StartedOnlyStopOrchestrationService(backend);

        await guarded.StopAsync();
        Assert.Equal(0, Backend.Of(backend).Stops);

        await guarded.StartAsync();
        await guarded.StopAsync();
        await guarded.StopAsync();
        Assert.Equal(1, Backend.Of(backend).Stops);
    }

    /// <summary>Answers StartAsync and StopAsync; any other member is not expected here.</summary>
    public class Backend : DispatchProxy
    {
        private Func<Task> _stop = () => Task.CompletedTask;

        public int Stops { get; private set; }

        public static IOrchestrationService Create(Func<Task> stop)
        {
            var proxy = DispatchProxy.Create<IOrchestrationService, Backend>();
            ((Backend)(object)proxy)._stop = stop;
            return proxy;
        }

        public static Backend Of(IOrchestrationService service) => (Backend)(object)service;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case nameof(IOrchestrationService.StartAsync):
                    return Task.CompletedTask;
                case nameof(IOrchestrationService.StopAsync):
                    Stops++;
                    return _stop();
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
