namespace VoucherFunctions.Domain.Ports;

/// <summary>What committing a bill did: applied it now, or found it already applied (the stored outcome is returned unchanged).</summary>
public abstract record BillCommitResult(BillOutcome Outcome)
{
    public sealed record Applied(BillOutcome Outcome) : BillCommitResult(Outcome);

    public sealed record Duplicate(BillOutcome Outcome) : BillCommitResult(Outcome);
}
