using System.Reflection;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.LocalHost.Configuration;
using VoucherFunctions.LocalHost.Discovery;

namespace VoucherFunctions.LocalHost.Queues;

/// <summary>
/// Polls one queue and invokes its queue-triggered function with host.json's semantics: up to batchSize
/// messages in flight, a new batch when in-flight falls to newBatchThreshold, a failed message becomes
/// visible again after visibilityTimeout, and after maxDequeueCount attempts it moves to &lt;queue&gt;-poison.
/// As in the Functions host, a message that is not in host.json's messageEncoding goes to &lt;queue&gt;-poison at
/// once, unchanged, without calling the function. Nothing a message or the storage service does stops the
/// listener: a failed poll is logged and retried with backoff until the host stops.
/// </summary>
/// <param name="queues">A client without message encoding: the listener decodes bodies itself.</param>
public sealed partial class QueueTriggerListener(
    FunctionDescriptor function,
    QueueServiceClient queues,
    QueueSettings settings,
    TimeSpan lease,
    IServiceProvider services,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstRetryAfterFailure = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly Func<QueueMessage, CancellationToken, object?[]> _bind = CreateBinder(function);
    private readonly IConfiguration _configuration = services.GetRequiredService<IConfiguration>();

    public string QueueName => ResolveQueueName(function.QueueName!, _configuration);

    public string PoisonQueueName => QueueName + "-poison";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        var poison = queues.GetQueueClient(PoisonQueueName);
        var inFlight = new List<Task>();
        var idleDelay = MinimumPollingInterval;
        var failures = 0;
        var queueMayBeMissing = true;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count > settings.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight).WaitAsync(stoppingToken);
                    continue;
                }
                if (queueMayBeMissing)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    queueMayBeMissing = false;
                }
                var messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, lease, stoppingToken)).Value;
                failures = 0;
                if (messages.Length == 0)
                {
                    // An empty queue is polled less and less often, up to maxPollingInterval (as the host does).
                    await Task.Delay(idleDelay, stoppingToken);
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                idleDelay = MinimumPollingInterval;
                inFlight.AddRange(messages.Select(message => ProcessAsync(queue, poison, message, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A storage outage, an emulator stall, a deleted queue: log, wait longer each time, try again.
                failures++;
                queueMayBeMissing |= ex is RequestFailedException { ErrorCode: var code } && code == QueueErrorCode.QueueNotFound;
                var retryIn = RetryDelay(failures);
                LogPollFailed(ex, QueueName, failures, retryIn);
                try
                {
                    await Task.Delay(retryIn, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        // ProcessAsync never throws, so this only waits for the functions still running.
        await Task.WhenAll(inFlight);
    }

    /// <summary>Full-jitter exponential backoff from 1 s to 30 s, so several listeners do not retry in step.</summary>
    private static TimeSpan RetryDelay(int failures)
    {
        var ceiling = Math.Min(LongestRetryAfterFailure.Ticks, FirstRetryAfterFailure.Ticks << Math.Min(failures - 1, 5));
        return TimeSpan.FromTicks(Math.Max(FirstRetryAfterFailure.Ticks / 2, (long)(Random.Shared.NextDouble() * ceiling)));
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage received, CancellationToken stoppingToken)
    {
        try
        {
            if (!QueueMessageDecoder.TryDecode(received, settings.MessageEncoding, out var message))
            {
                LogUndecodable(received.MessageId, QueueName, settings.MessageEncoding.ToString(), received.DequeueCount, PoisonQueueName, function.Name);
                await MoveToPoisonAsync(queue, poison, received, received.PopReceipt);
                return;
            }
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, received, received.PopReceipt);
                LogMovedToPoison(received.MessageId, QueueName, received.DequeueCount, PoisonQueueName);
                return;
            }

            var held = MessageLease.Start(queue, received, lease, logger);
            Exception? failure = null;
            try
            {
                await using var scope = services.CreateAsyncScope();
                await FunctionInvoker.InvokeAsync(function.Method, scope.ServiceProvider, _bind(message, stoppingToken));
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            await held.StopAsync();

            if (failure is null)
            {
                await queue.DeleteMessageAsync(received.MessageId, held.PopReceipt, CancellationToken.None);
            }
            else if (failure is OperationCanceledException && stoppingToken.IsCancellationRequested)
            {
                // Stopped with the host, not a fault of the message: it is available again at once.
                LogReleasedAtShutdown(received.MessageId, QueueName);
                await queue.UpdateMessageAsync(received.MessageId, held.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
            else
            {
                LogFunctionFailed(failure, function.Name, received.MessageId, received.DequeueCount);
                if (received.DequeueCount >= settings.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(queue, poison, received, held.PopReceipt);
                    LogMovedToPoison(received.MessageId, QueueName, received.DequeueCount, PoisonQueueName);
                }
                else
                {
                    await queue.UpdateMessageAsync(received.MessageId, held.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
                }
            }
        }
        catch (Exception ex)
        {
            // Deleting, releasing or moving the message failed: its lease runs out and it comes back then.
            LogCompletionFailed(ex, received.MessageId, QueueName);
        }
    }

    /// <summary>Copies the body exactly as it was received (the listener's client does not encode) and deletes the original.</summary>
    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage received, string popReceipt)
    {
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(received.Body);
        await queue.DeleteMessageAsync(received.MessageId, popReceipt);
    }

    internal static string ResolveQueueName(string declared, IConfiguration configuration) =>
        declared.StartsWith('%') && declared.EndsWith('%')
            ? configuration[declared.Trim('%')] ?? throw new InvalidOperationException($"Setting '{declared.Trim('%')}' named by a queue trigger is not set.")
            : declared;

    private static Func<QueueMessage, CancellationToken, object?[]> CreateBinder(FunctionDescriptor function)
    {
        var binders = function.Method.GetParameters().Select(parameter => BinderFor(function, parameter)).ToArray();
        return (message, token) => binders.Select(b => b(message, token)).ToArray();
    }

    private static Func<QueueMessage, CancellationToken, object?> BinderFor(FunctionDescriptor function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return (_, token) => token;
        }
        if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is null)
        {
            throw new InvalidOperationException(
                $"Queue function '{function.Name}': parameter '{parameter.Name}' ({type.Name}) cannot be supplied by the local host; only the trigger and a CancellationToken can.");
        }
        if (type == typeof(QueueMessage)) return (message, _) => message;
        if (type == typeof(string)) return (message, _) => message.Body.ToString();
        if (type == typeof(BinaryData)) return (message, _) => message.Body;
        if (type == typeof(byte[])) return (message, _) => message.Body.ToArray();
        return (message, _) => JsonSerializer.Deserialize(message.Body.ToString(), type, JsonSerializerOptions.Web);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {QueueName} failed ({Failures} in a row); trying again in {RetryIn}")]
    private partial void LogPollFailed(Exception exception, string queueName, int failures, TimeSpan retryIn);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on queue {QueueName} is not valid {MessageEncoding} (attempt {DequeueCount}); moved unchanged to {PoisonQueueName} without calling {FunctionName}")]
    private partial void LogUndecodable(string messageId, string queueName, string messageEncoding, long dequeueCount, string poisonQueueName, string functionName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {FunctionName} failed on message {MessageId} (attempt {DequeueCount})")]
    private partial void LogFunctionFailed(Exception exception, string functionName, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} on queue {QueueName} was released: the host is stopping")]
    private partial void LogReleasedAtShutdown(string messageId, string queueName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not complete message {MessageId} on queue {QueueName}; it reappears when its lease ends")]
    private partial void LogCompletionFailed(Exception exception, string messageId, string queueName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved from {QueueName} to {PoisonQueueName} after {DequeueCount} attempts")]
    private partial void LogMovedToPoison(string messageId, string queueName, long dequeueCount, string poisonQueueName);
}
