using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace VoucherFunctions.Benchmarks;

/// <summary>What one run measured.</summary>
public sealed record RunResult(string Name, int Bills, TimeSpan Elapsed, double[] LatenciesMs, long StorageCalls, long FanOutCalls = 0, long EventSends = 0)
{
    /// <summary>Calls of webhook delivery reading the bills' events (counted in <see cref="CallsPerBill"/> too).</summary>
    public double FanOutPerBill => (double)FanOutCalls / Bills;

    /// <summary>The bill path: everything but the fan-out; the sends of the bills' events on voucher-events included.</summary>
    public double BillPathPerBill => (double)(StorageCalls - FanOutCalls) / Bills;

    public double EventSendsPerBill => (double)EventSends / Bills;

    public double BillsPerSecond => Bills / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double CallsPerBill => (double)StorageCalls / Bills;

    private double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

/// <summary>Sends bills (timestamped) with a few concurrent senders and collects one completion per bill id.</summary>
public static class BillDriver
{
    public const int Senders = 8;

    /// <summary>At most this many bills are in the system (sent, no outcome yet): a bounded backlog, like a steady pipeline.</summary>
    public const int MaxOutstanding = 128;

    public static async Task<Dictionary<string, long>> SendAsync(QueueClient queue, IReadOnlyList<(string Id, string Body)> bills, SemaphoreSlim outstanding)
    {
        var sentAt = new ConcurrentDictionary<string, long>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bills.Count)
            {
                await outstanding.WaitAsync();
                sentAt[bills[i].Id] = Stopwatch.GetTimestamp();
                await queue.SendMessageAsync(bills[i].Body);
            }
        }));
        return new Dictionary<string, long>(sentAt);
    }

    /// <summary>Reads outcome messages until every bill id has one; returns when each was seen.</summary>
    public static async Task<Dictionary<string, long>> ReadOutcomesAsync(QueueClient outcomes, int expected, TimeSpan timeout, SemaphoreSlim outstanding, IReadOnlySet<string>? only = null)
    {
        var seen = new Dictionary<string, long>();
        var deadline = Stopwatch.StartNew();
        while (seen.Count < expected)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {seen.Count} of {expected} outcomes arrived within {timeout}.");
            }

            QueueMessage[] batch = (await outcomes.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                await Task.Delay(5);
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            foreach (var message in batch)
            {
                var billId = BillIdOf(message);
                if ((only is null || only.Contains(billId)) && seen.TryAdd(billId, now))
                {
                    outstanding.Release();
                }
            }

            await Task.WhenAll(batch.Select(m => outcomes.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
        }

        return seen;
    }

    /// <summary>
    /// Sends bills from <paramref name="bills"/> (unique ids, as many as it takes) for <paramref name="window"/>, at most
    /// <see cref="MaxOutstanding"/> in the system, and counts the outcomes that arrived inside the window. With
    /// <paramref name="perSecond"/>, no faster than that: the k-th bill goes k / rate seconds into the window (later if
    /// the backlog is full), so hosts that keep up do the same work in the same time. With <paramref name="drain"/>,
    /// then waits (up to a minute) for the outcomes of the bills still in the system, so what runs next does not do
    /// this run's work.
    /// </summary>
    public static async Task<(int Completed, TimeSpan Elapsed)> RunForAsync(QueueClient queue, QueueClient outcomes, IEnumerable<(string Id, string Body)> bills, TimeSpan window, bool drain = false, double? perSecond = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(bills);
        using var outstanding = new SemaphoreSlim(MaxOutstanding);
        using var over = new CancellationTokenSource(window);
        using var source = bills.GetEnumerator();
        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var completed = 0;
        var scheduled = 0L;
        var senders = Enumerable.Range(0, Senders).Select(async _ =>
        {
            while (!over.IsCancellationRequested)
            {
                if (perSecond is { } rate && TimeSpan.FromSeconds(Interlocked.Increment(ref scheduled) / rate) - clock.Elapsed is { Ticks: > 0 } early)
                {
                    await Task.Delay(early, over.Token);
                }

                (string Id, string Body) bill;
                lock (source)
                {
                    bill = source.MoveNext() ? source.Current : throw new InvalidOperationException("The bills ran out before the window did.");
                }

                await outstanding.WaitAsync(over.Token);
                sent.TryAdd(bill.Id, 0);
                // Not cancelled once started: a send cut off might still arrive, and its bill would be missed.
                await queue.SendMessageAsync(bill.Body);
            }
        }).ToArray();
        try
        {
            while (!over.IsCancellationRequested)
            {
                // Not cancelled once started: a receive cut off still hides its messages for the visibility timeout.
                QueueMessage[] batch = (await outcomes.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
                if (batch.Length == 0)
                {
                    await Task.Delay(5, over.Token);
                    continue;
                }

                var counts = !over.IsCancellationRequested;
                foreach (var message in batch)
                {
                    // An outcome sent twice (a retried send) is one bill; one of a bill sent before (a warm-up's) is none.
                    var billId = BillIdOf(message);
                    if (sent.ContainsKey(billId) && seen.Add(billId))
                    {
                        completed += counts ? 1 : 0;
                        outstanding.Release();
                    }
                }

                await Task.WhenAll(batch.Select(m => outcomes.DeleteMessageAsync(m.MessageId, m.PopReceipt)));
            }
        }
        catch (OperationCanceledException) when (over.IsCancellationRequested)
        {
        }

        var elapsed = clock.Elapsed;
        try
        {
            await Task.WhenAll(senders);
        }
        catch (OperationCanceledException) when (over.IsCancellationRequested)
        {
        }

        if (drain)
        {
            var remaining = sent.Keys.Where(id => !seen.Contains(id)).ToHashSet(StringComparer.Ordinal);
            await ReadOutcomesAsync(outcomes, remaining.Count, TimeSpan.FromMinutes(1), outstanding, remaining);
        }

        return (completed, elapsed);
    }

    private static string BillIdOf(QueueMessage outcome)
    {
        using var json = JsonDocument.Parse(outcome.Body.ToString());
        return json.RootElement.GetProperty("billId").GetString()!;
    }

    public static double[] Latencies(Dictionary<string, long> sentAt, Dictionary<string, long> doneAt) =>
        doneAt.Select(d => Stopwatch.GetElapsedTime(sentAt[d.Key], d.Value).TotalMilliseconds).ToArray();
}
