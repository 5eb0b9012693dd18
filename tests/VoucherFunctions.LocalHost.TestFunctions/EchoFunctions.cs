using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace VoucherFunctions.LocalHost.TestFunctions;

public sealed record Greeting(string Name, int Times);

/// <summary>HTTP functions: route values, a JSON body, status codes, a key-protected route, a durable client.</summary>
public sealed class EchoFunctions(CallLog log)
{
    [Function("Echo")]
    public IActionResult Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "echo/{word}/{count:int}")] HttpRequest request,
        string word,
        int count)
    {
        log.Record("Echo");
        return new OkObjectResult(new { word, count, query = request.Query["q"].ToString() });
    }

    [Function("Greet")]
    public IActionResult Greet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "greetings")] HttpRequest request,
        [FromBody] Greeting greeting) =>
        greeting.Times < 1
            ? new BadRequestObjectResult(new { error = "times must be positive" })
            : new ObjectResult(new { text = string.Concat(Enumerable.Repeat($"hello {greeting.Name} ", greeting.Times)).Trim() }) { StatusCode = 201 };

    [Function("Secret")]
    public IActionResult Secret([HttpTrigger(AuthorizationLevel.Function, "get", Route = "secret")] HttpRequest request) =>
        new OkObjectResult(new { secret = true });

    [Function("StartDouble")]
    public async Task<IActionResult> StartDouble(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "double/{value:int}")] HttpRequest request,
        int value,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync("DoubleOrchestrator", value, cancellationToken);
        return new AcceptedResult((string?)null, new { id });
    }
}

/// <summary>A queue function that fails while its message says so, to exercise retry and poison.</summary>
public sealed class WorkQueueFunction(CallLog log)
{
    [Function("Work")]
    public void Run([QueueTrigger("work-items")] string message)
    {
        log.Record("Work:" + message);
        if (message.StartsWith("fail-always", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("told to fail");
        }
        if (message.StartsWith("fail-once", StringComparison.Ordinal) && log.Count("Work:" + message) == 1)
        {
            throw new InvalidOperationException("told to fail once");
        }
    }
}

/// <summary>
/// A queue function that takes as long as its message says (<c>sleep-{milliseconds}-{tag}</c>), longer than the
/// queue lease in the tests, to prove the lease is renewed while it runs and released after a crash.
/// </summary>
public sealed class SlowQueueFunction(CallLog log)
{
    [Function("Slow")]
    public async Task Run([QueueTrigger("slow-items")] string message, CancellationToken cancellationToken)
    {
        log.Record("Slow:" + message);
        await Task.Delay(int.Parse(message.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        log.Record("SlowDone:" + message);
    }
}

/// <summary>An orchestration that calls one activity.</summary>
public static class DoubleOrchestration
{
    [Function("DoubleOrchestrator")]
    public static async Task<int> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var value = context.GetInput<int>();
        return await context.CallActivityAsync<int>("DoubleActivity", value);
    }

    [Function("DoubleActivity")]
    public static int Double([ActivityTrigger] int value) => value * 2;
}

/// <summary>
/// An orchestration whose activity stalls the first time it runs for a given key (it never answers, whatever the
/// host does, as a worker stopped in the middle of it) and returns the second time, on whichever host that is.
/// </summary>
public static class StallOnceOrchestration
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Stalled = new(StringComparer.Ordinal);

    /// <summary>Completes once the activity has stalled for <paramref name="key"/>.</summary>
    public static Task StalledFor(string key) => Stalled.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    [Function("StallOnceOrchestrator")]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        await context.CallActivityAsync<string>("StallOnceActivity", context.GetInput<string>());

    [Function("StallOnceActivity")]
    public static async Task<string> Activity([ActivityTrigger] string key)
    {
        var stalled = Stalled.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (stalled.TrySetResult())
        {
            await Task.Delay(Timeout.Infinite);
        }

        return "ran again";
    }
}

/// <summary>A timer function every 2 seconds that also runs at start; its first run fails, to prove a failed run does not stop the schedule.</summary>
public sealed class TickFunction(CallLog log)
{
    [Function("Tick")]
    public void Run([TimerTrigger("*/2 * * * * *", RunOnStartup = true)] TimerInfo timer)
    {
        log.Record("Tick");
        if (timer.ScheduleStatus is { } status && status.Next > status.Last)
        {
            log.Record("TickScheduled");
        }
        if (log.Count("Tick") == 1)
        {
            throw new InvalidOperationException("the first tick fails");
        }
    }
}

public sealed class CallLog
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();

    public void Record(string call) => _calls.Enqueue(call);

    public int Count(string call) => _calls.Count(c => c == call);
}
