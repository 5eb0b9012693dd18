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

    [Fact]
    public async Task A_stop_asked_for_while_another_runs_waits_for_that_one_and_the_first_callers_force_holds()
    {
        var stopping = new TaskCompletionSource();
        var backend = Backend.Create(stop: () => stopping.Task);
        var guarded = new StartedOnlyStopOrchestrationService(backend);
        await guarded.StartAsync();

        // The local host's forced stop, then the sidecar's (after its dispatchers drained): one stop, awaited by both.
        var forced = guarded.StopAsync(isForced: true);
        var second = guarded.StopAsync(isForced: false);
        await Task.Delay(100);
        Assert.False(forced.IsCompleted || second.IsCompleted);

        stopping.SetResult();
        await Task.WhenAll(forced, second);
        Assert.Equal([true], Backend.Of(backend).Forced);
    }

    /// <summary>Answers StartAsync and StopAsync; any other member is not expected here.</summary>
    public class Backend : DispatchProxy
    {
        private Func<Task> _stop = () => Task.CompletedTask;

        public int Stops => Forced.Count;

        /// <summary>The isForced argument of each stop (false for the overload without it).</summary>
        public List<bool> Forced { get; } = [];

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
                    Forced.Add(args is [bool isForced] && isForced);
                    return _stop();
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
