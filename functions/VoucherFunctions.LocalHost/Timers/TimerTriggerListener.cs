using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.LocalHost.Discovery;
using VoucherFunctions.LocalHost.Queues;

namespace VoucherFunctions.LocalHost.Timers;

/// <summary>
/// Runs one timer-triggered function on its declared schedule (<see cref="TimerSchedule"/>; a <c>%setting%</c>
/// schedule is read from configuration), once at start too when it says <c>RunOnStartup</c>. As in the Functions
/// host, runs of one function never overlap, a failed run is logged and the next occurrence still comes, and the
/// function receives a <see cref="TimerInfo"/> with its last and next occurrences. (The Functions host also keeps
/// one instance running a timer at a time through a storage lock; a local host is one instance, and two local hosts
/// on one account each run their timers, which is why the app's sweeps are safe to run concurrently.)
/// </summary>
public sealed partial class TimerTriggerListener(
    FunctionDescriptor function,
    IServiceProvider services,
    ILogger<TimerTriggerListener> logger) : BackgroundService
{
    // Real time, whatever clock the app's own services use.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private readonly TimerSchedule _schedule = TimerSchedule.Parse(QueueTriggerListener.ResolveQueueName(function.Schedule!, services.GetRequiredService<IConfiguration>()));

    public string Schedule => _schedule.Expression;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = Clock.GetUtcNow();
        if (function.RunOnStartup)
        {
            await RunAsync(last, _schedule.Next(last), stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = _schedule.Next(Clock.GetUtcNow());
            try
            {
                var wait = next - Clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await RunAsync(last, _schedule.Next(next), stoppingToken);
            last = next;
        }
    }

    private async Task RunAsync(DateTimeOffset last, DateTimeOffset next, CancellationToken stoppingToken)
    {
        var info = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last.UtcDateTime, Next = next.UtcDateTime, LastUpdated = Clock.GetUtcNow().UtcDateTime },
        };
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function.Method, scope.ServiceProvider, Bind(info, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped with the host.
        }
        catch (Exception e)
        {
            LogRunFailed(e, function.Name, next);
        }
    }

    private object?[] Bind(TimerInfo info, CancellationToken token) => function.Method.GetParameters().Select(parameter => parameter switch
    {
        _ when parameter.ParameterType == typeof(CancellationToken) => token,
        _ when parameter.GetCustomAttribute<TimerTriggerAttribute>() is not null && parameter.ParameterType == typeof(TimerInfo) => (object)info,
        _ => throw new InvalidOperationException(
            $"Timer function '{function.Name}': parameter '{parameter.Name}' ({parameter.ParameterType.Name}) cannot be supplied by the local host; only a TimerInfo trigger and a CancellationToken can."),
    }).ToArray();

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {FunctionName} failed; it runs again at {NextRun}")]
    private partial void LogRunFailed(Exception exception, string functionName, DateTimeOffset nextRun);
}
