namespace VoucherFunctions.Billing;

/// <summary>How concurrent bills of one partner are coalesced (see <see cref="PartnerBillBatcher"/>).</summary>
public sealed record BillingOptions
{
    /// <summary>How long the first bill of an idle partner waits for others of the same partner before committing.</summary>
    public TimeSpan GroupWindow { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>At most this many bills are deducted against one read of the candidates (then split into transactions of at most 100 operations).</summary>
    public int MaxGroupSize { get; init; } = 64;

    /// <summary>False applies every bill on its own (one read-modify-write each): the behaviour without coalescing, for comparison.</summary>
    public bool Coalesce { get; init; } = true;
}
