using System.ComponentModel.DataAnnotations;

namespace VoucherFunctions.Billing;

/// <summary>How concurrent bills of one partner are coalesced (see <see cref="PartnerBillBatcher"/>); section <c>Billing</c>, validated at start.</summary>
public sealed record BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>How long the first bill of an idle partner waits for others of the same partner before committing.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Billing:GroupWindow must be between 0 and 10 seconds.")]
    public TimeSpan GroupWindow { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// At most this many bills are deducted against one read of the candidates (then split into transactions of at most
    /// 100 operations). A group of no bills never empties a partner's queue: its drain loop would spin and its bills never finish.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Billing:MaxGroupSize must be at least 1.")]
    public int MaxGroupSize { get; init; } = 64;

    /// <summary>False applies every bill on its own (one read-modify-write each): the behaviour without coalescing, for comparison.</summary>
    public bool Coalesce { get; init; } = true;
}
