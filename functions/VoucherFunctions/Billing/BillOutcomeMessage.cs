using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing;

/// <summary>
/// The outcome of a bill as sent on <c>bill-outcomes</c> and answered by <c>GET /api/bills/{billId}</c>, version 1.
/// <see cref="Status"/> is <c>applied</c> (with what each line used and what remains payable) or <c>rejected</c>
/// (with <see cref="Reason"/>). Built only from the stored record, so a re-sent outcome is byte for byte the same.
/// </summary>
public sealed record BillOutcomeMessage
{
    public const string StatusApplied = "applied";
    public const string StatusRejected = "rejected";

    public int Version { get; init; } = 1;

    public required string Status { get; init; }

    public required string BillId { get; init; }

    public required string PartnerId { get; init; }

    public required string PayerKind { get; init; }

    public required string PayerId { get; init; }

    public string? CustomerUin { get; init; }

    public string? Currency { get; init; }

    public DateTimeOffset? BillTime { get; init; }

    public DateTimeOffset? AppliedAt { get; init; }

    public string? ContentHash { get; init; }

    public string? TotalAmount { get; init; }

    public string? TotalAllocated { get; init; }

    public string? TotalRemainingPayable { get; init; }

    public IReadOnlyList<LineOutcomeMessage>? Lines { get; init; }

    public RejectionReason? Reason { get; init; }

    public DateTimeOffset? RejectedAt { get; init; }

    /// <summary>
    /// Set only on the <c>rejected</c> outcome of a conflicting duplicate (<c>bill.conflicting_duplicate</c>): the
    /// outcome already applied under this bill id, which stands. A consumer keeps that one and files this as an alert.
    /// </summary>
    public DuplicateReference? DuplicateOf { get; init; }

    public static BillOutcomeMessage Applied(BillOutcome o) => new()
    {
        Status = StatusApplied,
        BillId = o.BillId,
        PartnerId = o.PartnerId,
        PayerKind = Name(o.PayerKind),
        PayerId = o.PayerId,
        CustomerUin = o.CustomerUin,
        Currency = o.Currency.Code,
        BillTime = o.BillTime,
        AppliedAt = o.AppliedAt,
        ContentHash = o.ContentHash,
        TotalAmount = o.TotalAmount.ToString(),
        TotalAllocated = o.TotalAllocated.ToString(),
        TotalRemainingPayable = o.TotalRemainingPayable.ToString(),
        Lines = o.Lines.Select(l => new LineOutcomeMessage(
            l.LineId,
            l.Amount.ToString(),
            l.Allocated.ToString(),
            l.RemainingPayable.ToString(),
            l.Allocations.Select(a => new AllocationMessage(a.VoucherId, a.Amount.ToString())).ToArray())).ToArray(),
    };

    public static BillOutcomeMessage Rejected(BillRejection r, DuplicateReference? duplicateOf = null) => new()
    {
        Status = StatusRejected,
        BillId = r.BillId,
        PartnerId = r.PartnerId,
        PayerKind = Name(r.PayerKind),
        PayerId = r.PayerId,
        ContentHash = r.ContentHash,
        Reason = new RejectionReason(r.Code, r.Message),
        RejectedAt = r.RejectedAt,
        DuplicateOf = duplicateOf,
    };

    private static string Name(Domain.Deduction.PayerKind kind) => kind == Domain.Deduction.PayerKind.Customer ? "customer" : "partner";
}

public sealed record LineOutcomeMessage(string LineId, string Amount, string Allocated, string RemainingPayable, IReadOnlyList<AllocationMessage> Allocations);

public sealed record AllocationMessage(string VoucherId, string Amount);

public sealed record RejectionReason(string Code, string Message);

/// <summary>The applied outcome a conflicting duplicate collided with: its content hash and when it was applied.</summary>
public sealed record DuplicateReference(string ContentHash, DateTimeOffset AppliedAt);
