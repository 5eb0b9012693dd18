using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// Listens to DurableTask.AzureStorage's own event source in this process and keeps its DiscardingWorkItem
/// events (messages the backend deleted unprocessed, with its reason), so a test can show what the backend dropped.
/// </summary>
public sealed class AzureStorageDiscards : EventListener
{
    public ConcurrentQueue<string> Discarded { get; } = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "DurableTask-AzureStorage")
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName == "DiscardingWorkItem" && eventData.PayloadNames is { } names && eventData.Payload is { } values)
        {
            var fields = names.Zip(values).ToDictionary(p => p.First, p => p.Second);
            Discarded.Enqueue($"{fields.GetValueOrDefault("InstanceId")} [{fields.GetValueOrDefault("NewEvents")}]: {fields.GetValueOrDefault("Details")}");
        }
    }
}
