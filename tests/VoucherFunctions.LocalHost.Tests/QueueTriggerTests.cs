using Azure.Storage.Queues;

namespace VoucherFunctions.LocalHost.Tests;

public sealed class QueueTriggerTests(TestFunctionsHostFixture fixture) : IClassFixture<TestFunctionsHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(fixture.Host.StorageConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });

    [Fact]
    public async Task A_message_is_delivered_to_the_function_and_deleted()
    {
        var message = "ok-" + Guid.NewGuid();
        var queue = Queue("work-items");

        await queue.SendMessageAsync(message);

        await Eventually.TrueAsync(() => fixture.Calls.Count("Work:" + message) == 1, Patience);
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, Patience);
    }

    [Fact]
    public async Task A_message_whose_function_fails_once_is_retried_and_then_succeeds()
    {
        var message = "fail-once-" + Guid.NewGuid();
        var queue = Queue("work-items");

        await queue.SendMessageAsync(message);

        await Eventually.TrueAsync(() => fixture.Calls.Count("Work:" + message) == 2, Patience);
        await Task.Delay(1000);
        Assert.Equal(2, fixture.Calls.Count("Work:" + message));
    }

    [Fact]
    public async Task A_message_that_always_fails_moves_to_poison_after_max_dequeue_count()
    {
        var message = "fail-always-" + Guid.NewGuid();
        var queue = Queue("work-items");
        var poison = Queue("work-items-poison");

        await queue.SendMessageAsync(message);

        await Eventually.TrueAsync(async () => (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == message), Patience);
        // host.json of the test functions sets maxDequeueCount = 3.
        Assert.Equal(3, fixture.Calls.Count("Work:" + message));
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_unchanged_at_once_and_the_listener_keeps_serving()
    {
        // Raw text, as a producer without base64 encoding sends it: it used to throw FormatException out of the
        // listener and stop the whole host (BackgroundService failed ... StopHost).
        var raw = "not base64 {" + Guid.NewGuid() + "}";
        var good = "ok-after-bad-" + Guid.NewGuid();
        await Queue("work-items", QueueMessageEncoding.None).SendMessageAsync(raw);
        await Queue("work-items").SendMessageAsync(good);

        await Eventually.TrueAsync(() => fixture.Calls.Count("Work:" + good) == 1, Patience);
        var rawPoison = Queue("work-items-poison", QueueMessageEncoding.None);
        await Eventually.TrueAsync(async () => (await rawPoison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == raw), Patience);
        // Moved on its first delivery, without calling the function (as the Functions host does).
        Assert.Equal(0, fixture.Calls.Count("Work:" + raw));

        // The listener still serves the queue afterwards, and the host still answers.
        var later = "ok-later-" + Guid.NewGuid();
        await Queue("work-items").SendMessageAsync(later);
        await Eventually.TrueAsync(() => fixture.Calls.Count("Work:" + later) == 1, Patience);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Http.GetAsync("/api/echo/alive/1")).StatusCode);
    }

    [Fact]
    public async Task Every_triggered_queue_and_its_poison_queue_exist_as_soon_as_the_host_has_started()
    {
        foreach (var name in new[] { "work-items", "work-items-poison", "slow-items", "slow-items-poison" })
        {
            Assert.True(await Queue(name).ExistsAsync(), name);
        }
    }

    [Fact]
    public async Task A_function_slower_than_the_lease_is_delivered_once_while_it_runs()
    {
        // The function runs for three and a half leases; without renewal the message would reappear and
        // be delivered again about every lease.
        var message = $"sleep-{(int)(TestFunctionsHostFixture.Lease.TotalMilliseconds * 3.5)}-{Guid.NewGuid()}";
        var queue = Queue("slow-items");

        await queue.SendMessageAsync(message);

        await Eventually.TrueAsync(() => fixture.Calls.Count("SlowDone:" + message) == 1, Patience);
        Assert.Equal(1, fixture.Calls.Count("Slow:" + message));
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, Patience);
        await Task.Delay(TestFunctionsHostFixture.Lease * 2);
        Assert.Equal(1, fixture.Calls.Count("Slow:" + message));
    }
}
