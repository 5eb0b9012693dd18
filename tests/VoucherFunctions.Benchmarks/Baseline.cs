using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Benchmarks;

/// <summary>
/// The raw baseline: the minimum storage work of one bill with no domain logic, at the same concurrency as
/// the queue trigger (receive up to 32, a new batch when 16 or fewer are in flight): per message a point
/// read (settings), a query (the payer's vouchers), one 3-operation entity-group transaction (marker insert,
/// voucher replace, usage insert), one outcome send, and the delete.
/// </summary>
public static class Baseline
{
    // A message whose handling failed (a storage timeout on a loaded machine) is received again after this.
    private static readonly TimeSpan Redelivery = TimeSpan.FromSeconds(30);

    // The run fails instead of polling for ever when no bill finishes for this long.
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(3);

    public static async Task<RunResult> RunAsync(string name, string connectionString, QueueClientOptions senderOptions, QueueClientOptions queueOptions, TableClientOptions tableOptions, OwnCallsPolicy calls, IReadOnlyList<(string Id, string PartnerKey, string Body)> bills)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var input = new QueueClient(connectionString, "baseline-in-" + suffix, queueOptions);
        var output = new QueueClient(connectionString, "baseline-out-" + suffix, queueOptions);
        var table = new TableClient(connectionString, "baseline" + suffix, tableOptions);
        await input.CreateAsync();
        await output.CreateAsync();
        await table.CreateAsync();
        foreach (var partner in bills.Select(b => b.PartnerKey).Distinct())
        {
            await table.AddEntityAsync(new TableEntity(partner, "settings") { ["On"] = true });
            await table.AddEntityAsync(new TableEntity(partner, "voucher|v") { ["BalanceMinor"] = long.MaxValue / 2 });
        }

        var byId = bills.ToDictionary(b => b.Id);
        var start = Stopwatch.StartNew();
        var callsBefore = calls.Count;
        var outstanding = new SemaphoreSlim(BillDriver.MaxOutstanding);
        var sending = BillDriver.SendAsync(new QueueClient(connectionString, input.Name, senderOptions), bills.Select(b => (b.Id, b.Id)).ToArray(), outstanding);
        var done = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var inFlight = new List<Task>();
        var lastProgress = Stopwatch.StartNew();
        var lastDone = 0;
        while (done.Count < bills.Count)
        {
            if (done.Count != lastDone)
            {
                lastDone = done.Count;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > Stall)
            {
                throw new TimeoutException($"{name}: no bill finished for {Stall.TotalMinutes} minutes ({done.Count} of {bills.Count} done).");
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            if (inFlight.Count > 16)
            {
                await Task.WhenAny(inFlight);
                continue;
            }

            QueueMessage[] messages = (await input.ReceiveMessagesAsync(32, Redelivery)).Value;
            if (messages.Length == 0)
            {
                if (inFlight.Count > 0)
                {
                    await Task.WhenAny(inFlight.Append(Task.Delay(5)));
                }
                else
                {
                    await Task.Delay(5);
                }

                continue;
            }

            inFlight.AddRange(messages.Select(m => Task.Run(async () =>
            {
                var bill = byId[m.Body.ToString()];
                await table.GetEntityIfExistsAsync<TableEntity>(bill.PartnerKey, "settings");
                TableEntity? voucher = null;
                await foreach (var row in table.QueryAsync<TableEntity>(Filters.RangeInPartition(bill.PartnerKey, "voucher|", "voucher}")))
                {
                    voucher = row;
                }

                voucher!["BalanceMinor"] = voucher.GetInt64("BalanceMinor") - 1;
                try
                {
                    await table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(bill.PartnerKey, "bill|" + bill.Id)),
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, voucher, ETag.All),
                        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(bill.PartnerKey, "usage|v|" + bill.Id)),
                    ]);
                }
                catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0)
                {
                    // The marker is there: an earlier try committed (the SDK retried a timed-out transaction, or this is
                    // a redelivery), as the app treats a duplicate. Without this a bill would fail here on every delivery.
                }
                await output.SendMessageAsync("{\"billId\":\"" + bill.Id + "\"}");
                await input.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                done[bill.Id] = Stopwatch.GetTimestamp();
                outstanding.Release();
            })));
        }

        var sentAt = await sending;
        var elapsed = start.Elapsed;
        await Task.WhenAll(inFlight);
        return new RunResult(name, bills.Count, elapsed, BillDriver.Latencies(sentAt, new Dictionary<string, long>(done)), calls.Count - callsBefore);
    }
}
