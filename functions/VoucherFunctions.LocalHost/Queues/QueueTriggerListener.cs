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
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionDescriptor function,
    QueueServiceClient queues,
    QueueSettings settings,
    IServiceProvider services,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    // While a message is being processed it stays invisible this long (the host renews it; our functions are short).
    private static readonly TimeSpan ProcessingLease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly Func<QueueMessage, CancellationToken, object?[]> _bind = CreateBinder(function);
    private readonly IConfiguration _configuration = services.GetRequiredService<IConfiguration>();

    public string QueueName => ResolveQueueName(function.QueueName!, _configuration);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        var poison = queues.GetQueueClient(QueueName + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var inFlight = new List<Task>();
        var delay = MinimumPollingInterval;

        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            if (inFlight.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(inFlight);
                continue;
            }
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, ProcessingLease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException ex)
            {
                LogReceiveFailed(ex, QueueName);
                messages = [];
            }
            if (messages.Length == 0)
            {
                // An empty queue is polled less and less often, up to maxPollingInterval (as the host does).
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }
            delay = MinimumPollingInterval;
            inFlight.AddRange(messages.Select(message => ProcessAsync(queue, poison, message, stoppingToken)));
        }
        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message);
                return;
            }
            await using (var scope = services.CreateAsyncScope())
            {
                await FunctionInvoker.InvokeAsync(function.Method, scope.ServiceProvider, _bind(message, stoppingToken));
            }
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogFunctionFailed(ex, function.Name, message.MessageId, message.DequeueCount);
            try
            {
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(queue, poison, message);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
                }
            }
            catch (RequestFailedException release)
            {
                // The lease expires on its own; the message comes back then.
                LogReleaseFailed(release, message.MessageId);
            }
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message)
    {
        await poison.CreateIfNotExistsAsync();
        // The body is re-sent as it was received (the client re-encodes it with the same base64 setting).
        await poison.SendMessageAsync(message.Body);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        LogMovedToPoison(message.MessageId, QueueName, message.DequeueCount);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from queue {QueueName} failed")]
    private partial void LogReceiveFailed(Exception exception, string queueName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {FunctionName} failed on message {MessageId} (attempt {DequeueCount})")]
    private partial void LogFunctionFailed(Exception exception, string functionName, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release message {MessageId}; it reappears when its lease ends")]
    private partial void LogReleaseFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved from {QueueName} to poison after {DequeueCount} attempts")]
    private partial void LogMovedToPoison(string messageId, string queueName, long dequeueCount);
}
