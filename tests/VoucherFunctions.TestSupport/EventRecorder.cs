using System.Collections.Concurrent;
using Azure.Storage.Queues;
using CloudNative.CloudEvents;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Events;
using VoucherFunctions.Storage.Outbox;

namespace VoucherFunctions.TestSupport;

/// <summary>
/// Wraps the app's publisher: every event really goes on <c>voucher-events</c>, and what was published is also
/// recorded here (parsed back with <see cref="VoucherCloudEvents.Parse(string)"/>), so a test sees exactly what was
/// sent even when another consumer drains the queue. It can fail publishing for chosen partners: the fault between
/// commit and send (the change is committed, nothing is sent), which the outbox sweep must repair.
/// In TestSupport (which references the app) for the test projects that run it.
/// </summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<CloudEvent> _published = new();
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);
    private int _failures;

    /// <summary>Publish attempts refused by <see cref="FailPublishingFor"/>.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public IReadOnlyList<CloudEvent> Published => _published.ToArray();

    /// <summary>The events published for <paramref name="partnerId"/> (its <c>partnerid</c>), in publishing order.</summary>
    public IReadOnlyList<CloudEvent> Of(string partnerId) => _published.Where(e => VoucherCloudEvents.PartnerIdOf(e) == partnerId).ToArray();

    public IReadOnlyList<CloudEvent> Of(string partnerId, string type) => Of(partnerId).Where(e => e.Type == type).ToArray();

    public void FailPublishingFor(string partnerId) => _failing[partnerId] = true;

    public void StopFailingFor(string partnerId) => _failing.TryRemove(partnerId, out _);

    /// <summary>Puts the recording publisher in front of the real one (call after the app's registrations).</summary>
    public void Attach(IServiceCollection services) =>
        services.AddSingleton<IEventPublisher>(sp => new Publisher(this, new QueueEventPublisher(sp.GetRequiredService<QueueServiceClient>())));

    private sealed class Publisher(EventRecorder recorder, IEventPublisher inner) : IEventPublisher
    {
        public async Task PublishAsync(IReadOnlyList<string> cloudEvents, CancellationToken cancellationToken)
        {
            var parsed = cloudEvents.Select(VoucherCloudEvents.Parse).ToArray();
            if (parsed.Any(e => recorder._failing.ContainsKey(VoucherCloudEvents.PartnerIdOf(e)!)))
            {
                Interlocked.Increment(ref recorder._failures);
                throw new IOException("Injected fault between commit and send.");
            }

            await inner.PublishAsync(cloudEvents, cancellationToken);
            foreach (var e in parsed)
            {
                recorder._published.Enqueue(e);
            }
        }
    }
}
