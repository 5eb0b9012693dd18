using Microsoft.Extensions.Logging;

namespace VoucherFunctions.Storage;

/// <summary>Structured log events of the storage layer (named fields, no interpolated messages).</summary>
internal static partial class StorageLog
{
    // Per bill and per group on the hot path: Debug. The voucher.bills and voucher.bill.group.* metrics count them.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Bill {BillId} of partner {PartnerId} applied: {Usages} usage records, {Vouchers} vouchers changed")]
    public static partial void BillApplied(ILogger logger, string billId, string partnerId, int usages, int vouchers);

    // BillService logs the redelivery at Information once, with its delivery count.
    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Bill {BillId} of partner {PartnerId} was already applied; returning the stored outcome")]
    public static partial void BillDuplicate(ILogger logger, string billId, string partnerId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Bill {BillId} of partner {PartnerId} reuses its id with different content")]
    public static partial void BillConflictingDuplicate(ILogger logger, string billId, string partnerId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Reviewer queue row for application {ApplicationId} of partner {PartnerId} is stale; removing it")]
    public static partial void StaleReviewQueueRow(ILogger logger, string partnerId, string applicationId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "{Bills} bills of partner {PartnerId} applied in one transaction, {Vouchers} vouchers changed")]
    public static partial void BillBatchApplied(ILogger logger, string partnerId, int bills, int vouchers);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "A batch of {Bills} bills of partner {PartnerId} holds an already applied bill; nothing applied")]
    public static partial void BillBatchHitApplied(ILogger logger, string partnerId, int bills);
}
