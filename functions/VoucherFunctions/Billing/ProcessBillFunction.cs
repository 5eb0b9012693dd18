using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing;

/// <summary>Applies each bill the billing pipeline drops on the <c>bills</c> queue (see <see cref="BillService"/>).</summary>
public sealed class ProcessBillFunction(BillService bills)
{
    [Function("ProcessBill")]
    public Task Run([QueueTrigger(QueueNames.Bills)] QueueMessage message, CancellationToken cancellationToken) =>
        bills.HandleAsync(message, cancellationToken);
}
