using Azure.Storage.Queues;

namespace VoucherFunctions.LocalHost.Tests;

public sealed class QueueTriggerTests(TestFunctionsHostFixture fixture) : IClassFixture<TestFunctionsHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private QueueClient Queue(string name) =>
        new(fixture.Host.StorageConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    [Fact]
    public async Task A_message_is_delivered_to_the_function_and_deleted()
    {
        var message = "ok-" + Guid.NewGuid();
        var queue = Queue("work-items");
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(message);

        await Eventually.TrueAsync(() => fixture.Calls.Count("Work:" + message) == 1, Patience);
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, Patience);
    }

    [Fact]
    public async Task A_message_whose_function_fails_once_is_retried_and_then_succeeds()
    {
        var message = "fail-once-" + Guid.NewGuid();
        var queue = Queue("work-items");
        await queue.CreateIfNotExistsAsync();

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
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(message);

        await Eventually.TrueAsync(async () =>
        {
            if (!await poison.ExistsAsync())
            {
                return false;
            }
            var peeked = await poison.PeekMessagesAsync(32);
            return peeked.Value.Any(m => m.Body.ToString() == message);
        }, Patience);
        // host.json of the test functions sets maxDequeueCount = 3.
        Assert.Equal(3, fixture.Calls.Count("Work:" + message));
    }
}
