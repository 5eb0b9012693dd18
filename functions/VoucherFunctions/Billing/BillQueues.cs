using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using VoucherFunctions.Serialization;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing;

/// <summary>Sends on the billing queues (outcomes, poison envelopes) with the app's base64 queue client; each queue is created once per process.</summary>
public sealed class BillQueues(QueueServiceClient queues)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _clients = new(StringComparer.Ordinal);

    public Task SendOutcomeAsync(BillOutcomeMessage outcome, CancellationToken cancellationToken) =>
        SendAsync(QueueNames.BillOutcomes, outcome, cancellationToken);

    public Task SendPoisonAsync(BillPoisonEnvelope envelope, CancellationToken cancellationToken) =>
        SendAsync(QueueNames.BillsPoison, envelope, cancellationToken);

    private async Task SendAsync<T>(string queueName, T body, CancellationToken cancellationToken)
    {
        var lazy = _clients.GetOrAdd(queueName, name => new Lazy<Task<QueueClient>>(() => CreateAsync(name)));
        QueueClient client;
        try
        {
            client = await lazy.Value;
        }
        catch
        {
            _clients.TryRemove(new KeyValuePair<string, Lazy<Task<QueueClient>>>(queueName, lazy));
            throw;
        }

        await client.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options)), cancellationToken: cancellationToken);
    }

    private async Task<QueueClient> CreateAsync(string name)
    {
        var client = queues.GetQueueClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
