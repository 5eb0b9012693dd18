using System.Diagnostics;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Billing;

/// <summary>
/// Handles one message of the <c>bills</c> queue: read it, have it applied (coalesced with concurrent bills
/// of the same partner), send the outcome. A bill refused for good is recorded, put on <c>bills-poison</c>
/// with its reason and answered with a rejected outcome, and the call returns normally so the message is
/// deleted rather than retried. Anything transient throws: the host makes the message visible again and
/// retries it, and after maxDequeueCount moves it to <c>bills-poison</c> itself. Each bill is one span
/// (<see cref="Spans.StartBill"/>) and one count of <see cref="MetricNames.Bills"/> with its outcome.
/// </summary>
public sealed partial class BillService(PartnerBillBatcher batcher, IBillRejectionStore rejections, IBillLedger ledger, BillQueues queues, TimeProvider time, VoucherMetrics metrics, ILogger<BillService> logger)
{
    public async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var read = BillMessageReader.Read(message.Body);
        using var span = Spans.StartBill(message.MessageId, read.TraceParent, read.TraceState);
        span.Tag(Spans.PartnerId, read.Identity?.PartnerId);
        span.Tag(Spans.BillId, read.Identity?.BillId);
        if (read.Bill is null)
        {
            await RejectAsync(message, span, read.Identity, null, read.RejectionCode!, read.RejectionMessage!, cancellationToken);
            return;
        }

        var result = await batcher.SubmitAsync(read.Bill, cancellationToken);
        if (result.Failure is not null)
        {
            metrics.BillDeferred(read.Bill.PayerKind, result.Failure);
            Outcome(span, "deferred", null);
            span.Tag(Dimensions.ErrorType, result.Failure.GetType().Name);
            span?.SetStatus(ActivityStatusCode.Error);
            LogTransient(logger, read.Bill.BillId, read.Bill.PartnerId, message.DequeueCount, result.Failure.GetType().Name);
            throw new BillDeferredException($"Bill '{read.Bill.BillId}' of partner '{read.Bill.PartnerId}' could not be applied now; it will be retried.", result.Failure);
        }

        switch (result.Decision)
        {
            case BillDecision.Applied applied:
                await queues.SendOutcomeAsync(BillOutcomeMessage.Applied(applied.Outcome), cancellationToken);
                metrics.BillApplied(applied.Outcome.PayerKind, applied.Outcome.TotalAllocated, applied.Outcome.TotalRemainingPayable);
                Outcome(span, "applied", null);
                LogApplied(logger, applied.Outcome.BillId, applied.Outcome.PartnerId, applied.Outcome.TotalAllocated.MinorUnits, applied.Outcome.TotalRemainingPayable.MinorUnits);
                break;
            case BillDecision.Duplicate duplicate:
                await queues.SendOutcomeAsync(BillOutcomeMessage.Applied(duplicate.Outcome), cancellationToken);
                metrics.BillDuplicate(duplicate.Outcome.PayerKind);
                Outcome(span, "duplicate", null);
                LogDuplicate(logger, duplicate.Outcome.BillId, duplicate.Outcome.PartnerId, message.DequeueCount);
                break;
            case BillDecision.Rejected rejected:
                await RejectAsync(message, span, read.Identity, BillFingerprint.Of(read.Bill), rejected.Code, rejected.Message, cancellationToken);
                break;
        }
    }

    private static void Outcome(Activity? span, string outcome, string? reasonCode)
    {
        span.Tag(Dimensions.BillOutcome, outcome);
        span.Tag(Dimensions.RejectionReason, reasonCode);
    }

    private async Task RejectAsync(QueueMessage message, Activity? span, BillIdentity? identity, string? contentHash, string code, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        metrics.BillRejected(identity?.PayerKind, code);
        Outcome(span, "rejected", code);
        LogRejected(logger, identity?.BillId, identity?.PartnerId, code, message.MessageId);
        BillRejection? rejection = null;
        if (identity is not null)
        {
            rejection = new BillRejection(identity.PartnerId, identity.PayerKind, identity.PayerId, identity.BillId, code, reason, now, contentHash);
            await rejections.RecordAsync(rejection, cancellationToken);
        }

        await queues.SendPoisonAsync(BillPoisonEnvelope.Of(code, reason, now, message.DequeueCount, message.MessageId, identity, message.Body.ToString()), cancellationToken);
        if (rejection is not null)
        {
            await queues.SendOutcomeAsync(BillOutcomeMessage.Rejected(rejection, await DuplicateOfAsync(rejection, cancellationToken)), cancellationToken);
        }
    }

    /// <summary>
    /// For a conflicting duplicate, the applied outcome that stands (read once more; only this rare path pays for it),
    /// so a consumer that sees <c>applied</c> then <c>rejected</c> under one bill id can tell the second is about a duplicate.
    /// </summary>
    private async Task<DuplicateReference?> DuplicateOfAsync(BillRejection rejection, CancellationToken cancellationToken)
    {
        if (rejection.Code != BillRejectionCodes.ConflictingDuplicate)
        {
            return null;
        }

        var stored = await ledger.GetOutcomeAsync(rejection.PartnerId, rejection.PayerKind, rejection.PayerId, rejection.BillId, cancellationToken);
        return stored is null ? null : new DuplicateReference(stored.ContentHash, stored.AppliedAt);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Bill {BillId} of partner {PartnerId} applied: {AllocatedMinor} allocated, {RemainingMinor} payable (10^-8 units)")]
    private static partial void LogApplied(ILogger logger, string billId, string partnerId, long allocatedMinor, long remainingMinor);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Bill {BillId} of partner {PartnerId} was already applied (delivery {DequeueCount}); stored outcome sent again")]
    private static partial void LogDuplicate(ILogger logger, string billId, string partnerId, long dequeueCount);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Bill {BillId} of partner {PartnerId} rejected with {ReasonCode} (message {MessageId}); sent to poison")]
    private static partial void LogRejected(ILogger logger, string? billId, string? partnerId, string reasonCode, string messageId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Bill {BillId} of partner {PartnerId} failed transiently on delivery {DequeueCount} ({Failure}); it will be retried")]
    private static partial void LogTransient(ILogger logger, string billId, string partnerId, long dequeueCount, string failure);
}

/// <summary>A bill could not be applied because of a transient failure (its inner exception); the message is retried.</summary>
public sealed class BillDeferredException(string message, Exception inner) : Exception(message, inner);
