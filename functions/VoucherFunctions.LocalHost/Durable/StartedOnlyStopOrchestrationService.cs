using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VoucherFunctions.LocalHost.Durable;

/// <summary>
/// The durable backend as the gRPC sidecar sees it, with one change: stopping a service that was never started
/// does nothing, and stopping one that is starting waits for the start first. The sidecar stops its dispatcher
/// from an <c>async void</c> shutdown callback, and DurableTask.AzureStorage throws a NullReferenceException
/// when stopped before it started (a host stopped right after it started) — which takes the whole process
/// down. For the same reason a failed stop is logged, not thrown: when the storage account went away first (a test
/// or the benchmark disposes its emulator after the host), <c>TablePartitionManager.StopAsync</c> waits 10 minutes
/// for its lease and then throws a TimeoutException, which crashed the benchmark long after that host was gone.
/// It stops once, whoever asks: the local host also stops it itself, forced, once the app has stopped, because the
/// sidecar's stop may never get there (see <see cref="LocalFunctionsHost.DisposeAsync"/>). Everything else is delegated.
/// </summary>
internal sealed partial class StartedOnlyStopOrchestrationService(IOrchestrationService inner, Func<ILogger>? logger = null) : IOrchestrationService
{
    private readonly object _gate = new();
    private Task? _starting;
    private Task? _stopping;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync()
    {
        lock (_gate)
        {
            return _starting ??= inner.StartAsync();
        }
    }

    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>
    /// Stops the backend once (a host starts and stops it once): every caller, the sidecar and the local host's own
    /// dispose, waits for that one stop, and the first caller's <paramref name="isForced"/> decides how it stops.
    /// </summary>
    public Task StopAsync(bool isForced)
    {
        lock (_gate)
        {
            return _starting is null ? Task.CompletedTask : _stopping ??= StopStartedAsync(_starting, isForced);
        }
    }

    private async Task StopStartedAsync(Task starting, bool isForced)
    {
        try
        {
            await starting;
        }
        catch (Exception)
        {
            // A service that failed to start has nothing to stop.
            return;
        }
        try
        {
            await inner.StopAsync(isForced);
        }
        catch (Exception e)
        {
            try
            {
                LogStopFailed(logger?.Invoke() ?? NullLogger.Instance, e);
            }
            catch (ObjectDisposedException)
            {
                // The host (and its logging) was disposed while this stop still ran: nothing left to tell.
            }
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "The durable backend did not stop cleanly; the host stops anyway")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);

    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}
