using System.Collections.Concurrent;
using System.Diagnostics;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Billing;

/// <summary>
/// Coalesces concurrent bills of the same partner (group commit). The queue trigger runs up to batchSize
/// invocations at once; each hands its bill here and awaits its own decision. Per partner one drain loop
/// runs at a time: the first bill of an idle partner starts it, it waits <see cref="BillingOptions.GroupWindow"/>
/// for others, then applies everything collected as one group (one candidate read, one transaction); bills
/// arriving meanwhile form the next group. So a hot voucher is read and written once per group instead of
/// once per bill, and this process never races itself on it (other instances still can: ETags decide).
/// Each group is one span linked to its bills' spans, and one measurement of size and duration.
/// </summary>
public sealed class PartnerBillBatcher(BillGroupProcessor processor, BillingOptions options, VoucherMetrics metrics)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    public async Task<BillResult> SubmitAsync(Bill bill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bill);
        if (!options.Coalesce)
        {
            // A group of one: the same payer check (unknown partner or customer) as a coalesced bill, then applied alone.
            return (await ProcessGroupAsync(bill.PartnerId, [bill], [Activity.Current?.Context ?? default], cancellationToken))[0];
        }

        var item = new Pending(bill, Activity.Current?.Context ?? default, new TaskCompletionSource<BillResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        while (true)
        {
            var lane = _lanes.GetOrAdd(bill.PartnerId, id => new Lane(id));
            bool start;
            lock (lane)
            {
                if (lane.Retired)
                {
                    continue;
                }

                lane.Queue.Add(item);
                start = !lane.Running;
                lane.Running = true;
            }

            if (start)
            {
                _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
            }

            break;
        }

        // The bill may still be applied after the caller gives up; a redelivery then finds it applied.
        return await item.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync(Lane lane)
    {
        // Task.Run carried the first bill's span along; the loop works for every bill of the lane, so it is in none.
        Activity.Current = null;
        if (options.GroupWindow > TimeSpan.Zero)
        {
            await Task.Delay(options.GroupWindow);
        }

        while (true)
        {
            List<Pending> group;
            lock (lane)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Running = false;
                    lane.Retired = true;
                    _lanes.TryRemove(new KeyValuePair<string, Lane>(lane.PartnerId, lane));
                    return;
                }

                var take = Math.Min(options.MaxGroupSize, lane.Queue.Count);
                group = lane.Queue.GetRange(0, take);
                lane.Queue.RemoveRange(0, take);
            }

            try
            {
                var results = await ProcessGroupAsync(lane.PartnerId, group.Select(p => p.Bill).ToArray(), group.Select(p => p.Trace).ToArray(), CancellationToken.None);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var pending in group)
                {
                    pending.Result.TrySetException(e);
                }
            }
        }
    }

    private async Task<IReadOnlyList<BillResult>> ProcessGroupAsync(string partnerId, IReadOnlyList<Bill> bills, IReadOnlyCollection<ActivityContext> traces, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = Spans.StartGroup(partnerId, traces);
        try
        {
            return await processor.ProcessAsync(partnerId, bills, cancellationToken);
        }
        finally
        {
            metrics.BillGroup(bills.Count, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>A bill waiting for its group, with the span it was submitted from (the group span links to it).</summary>
    private sealed record Pending(Bill Bill, ActivityContext Trace, TaskCompletionSource<BillResult> Result);

    private sealed class Lane(string partnerId)
    {
        public string PartnerId { get; } = partnerId;

        public List<Pending> Queue { get; } = [];

        public bool Running { get; set; }

        public bool Retired { get; set; }
    }
}
