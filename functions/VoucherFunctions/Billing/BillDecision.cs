using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Billing;

/// <summary>What became of one bill: applied now, found already applied (stored outcome, unchanged), or refused for good.</summary>
public abstract record BillDecision
{
    private BillDecision()
    {
    }

    public sealed record Applied(BillOutcome Outcome) : BillDecision;

    public sealed record Duplicate(BillOutcome Outcome) : BillDecision;

    public sealed record Rejected(string Code, string Message) : BillDecision;

    public static BillDecision From(BillCommitResult result) => result switch
    {
        BillCommitResult.Applied applied => new Applied(applied.Outcome),
        BillCommitResult.Duplicate duplicate => new Duplicate(duplicate.Outcome),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}
