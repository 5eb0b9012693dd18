using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Serialization;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing.Tests.Support;

/// <summary>One test's view: unique partner ids, seeding through the stores, real queue messages, the bill function and what it sent.</summary>
public sealed class World(BillingFixture fixture, IServiceProvider services, TimeSpan? lease = null)
{
    /// <summary>How long a received message stays invisible: longer than any test holds one.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(10);

    private readonly TimeSpan _lease = lease ?? DefaultLease;
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly QueueClient _input = fixture.Queues.GetQueueClient("in-" + Guid.NewGuid().ToString("N")[..20]);

    public IServiceProvider Services { get; } = services;

    public string Partner(string name = "p") => $"{name}-{_run}";

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task CustomerAsync(string partnerId, params string[] uins)
    {
        foreach (var uin in uins)
        {
            await Get<ICustomerStore>().AddAsync(new Customer(uin, partnerId, $"Customer {uin}"));
        }
    }

    public async Task<Voucher> VoucherAsync(Voucher voucher)
    {
        await Get<IVoucherStore>().AddAsync(voucher);
        return voucher;
    }

    public static Bill Bill(string partnerId, string billId, string uin, PayerKind payer, DateTimeOffset at, params (string Product, long Amount)[] lines) =>
        Domain.Deduction.Bill.Create(billId, partnerId, payer, uin, Currency.USD, at, lines.Select((l, i) => new BillLine("l" + i, l.Product, null, PaymentMode.Postpaid, Usd(l.Amount))).ToArray());

    /// <summary>The v1 message of a domain bill.</summary>
    public static string Json(Bill bill) => JsonSerializer.Serialize(
        new
        {
            version = 1,
            billId = bill.BillId,
            partnerId = bill.PartnerId,
            payerKind = bill.PayerKind == PayerKind.Customer ? "customer" : "partner",
            customerUin = bill.CustomerUin,
            currency = bill.Currency.Code,
            billTime = bill.BillTime.ToString("O"),
            lines = bill.Lines.Select(l => new { lineId = l.LineId, productCode = l.ProductCode, subProductCode = l.SubProductCode, paymentMode = l.PaymentMode == PaymentMode.Prepaid ? "prepaid" : "postpaid", amount = l.Amount.ToString() }),
        });

    /// <summary>
    /// A real queue message carrying <paramref name="body"/>, as the trigger would receive it: the very message sent.
    /// The queue hands out the visible message that became visible first, so a message left on it whose lease ran
    /// out would come back instead of the new one; that is refused here rather than handled as if it were the new bill.
    /// </summary>
    public async Task<QueueMessage> MessageAsync(string body)
    {
        await _input.CreateIfNotExistsAsync();
        var sent = (await _input.SendMessageAsync(body)).Value;
        var received = Assert.Single((await _input.ReceiveMessagesAsync(1, _lease)).Value);
        Assert.True(received.MessageId == sent.MessageId, $"The input queue handed out message {received.MessageId} (an earlier one whose lease of {_lease} ran out) instead of {sent.MessageId}, the one just sent.");
        return received;
    }

    /// <summary>The same message delivered again (its lease ended without a delete: a crash after processing).</summary>
    public async Task<QueueMessage> RedeliverAsync(QueueMessage message)
    {
        await _input.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        var received = (await _input.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value;
        var again = Assert.Single(received);
        Assert.Equal(message.MessageId, again.MessageId);
        return again;
    }

    /// <summary>Runs the queue-triggered function class on a message.</summary>
    public Task HandleAsync(QueueMessage message) => ActivatorUtilities.CreateInstance<ProcessBillFunction>(Services).Run(message, CancellationToken.None);

    /// <summary>Sends the bill, runs the function on its message and, when it returns normally, deletes the message as the host does.</summary>
    public async Task HandleAsync(Bill bill)
    {
        var message = await MessageAsync(Json(bill));
        await HandleAsync(message);
        await _input.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    public Task<List<BillOutcomeMessage>> OutcomesAsync() => DrainAsync<BillOutcomeMessage>(QueueNames.BillOutcomes);

    public Task<List<BillPoisonEnvelope>> PoisonAsync() => DrainAsync<BillPoisonEnvelope>(QueueNames.BillsPoison);

    /// <summary>The events on voucher-events now that concern <paramref name="partnerId"/> (the others are drained too).</summary>
    public async Task<List<CloudNative.CloudEvents.CloudEvent>> EventsAsync(string partnerId)
    {
        var client = fixture.Queues.GetQueueClient(QueueNames.VoucherEvents);
        var all = new List<CloudNative.CloudEvents.CloudEvent>();
        while (true)
        {
            var batch = (await client.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0)
            {
                return all.Where(e => VoucherFunctions.Events.VoucherCloudEvents.PartnerIdOf(e) == partnerId).ToList();
            }

            foreach (var message in batch)
            {
                all.Add(VoucherFunctions.Events.VoucherCloudEvents.Parse(message.Body));
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Every message on the queue now (tests run one at a time, so they are this test's).</summary>
    public async Task<List<T>> DrainAsync<T>(string queue)
    {
        var client = fixture.Queues.GetQueueClient(queue);
        var all = new List<T>();
        while (true)
        {
            var batch = (await client.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                all.Add(JsonSerializer.Deserialize<T>(message.Body.ToString(), ApiJson.Options)!);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public async Task<long> BalanceAsync(string partnerId, string voucherId) =>
        (await Get<IVoucherStore>().GetAsync(partnerId, voucherId))!.Value.Balance.MinorUnits;

    public async Task<IReadOnlyList<VoucherUsage>> UsagesAsync(string partnerId, string voucherId)
    {
        var all = new List<VoucherUsage>();
        var page = PageRequest.First();
        while (true)
        {
            var result = await Get<IUsageStore>().ListByVoucherAsync(partnerId, voucherId, null, page);
            all.AddRange(result.Items);
            if (!result.HasMore)
            {
                return all;
            }

            page = new PageRequest(PageRequest.MaxPageSize, result.ContinuationToken);
        }
    }
}
