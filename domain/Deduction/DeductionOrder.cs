namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// The order in which eligible vouchers pay for a line, as the spec lists it. Total: the last
/// criterion is the voucher id (ordinal), unique within one run, so the order never depends on the
/// order in which candidates were supplied.
/// </summary>
public sealed class DeductionOrder : IComparer<(Voucher Voucher, Money Balance)>
{
    private readonly PayerKind _payerKind;
    private readonly bool _associatedFirst;
    private readonly Money _lineRemaining;

    /// <param name="payerKind">Which kind of bill (decides what counts as an associated trial voucher).</param>
    /// <param name="associatedFirst">The partner's switch.</param>
    /// <param name="lineRemaining">What is still payable on the line (criterion 3).</param>
    public DeductionOrder(PayerKind payerKind, bool associatedFirst, Money lineRemaining)
    {
        _payerKind = payerKind;
        _associatedFirst = associatedFirst;
        _lineRemaining = lineRemaining;
    }

    public int Compare((Voucher Voucher, Money Balance) x, (Voucher Voucher, Money Balance) y) => Decide(x, y).Order;

    /// <summary>
    /// The comparison and the criterion that decided it: the first of the spec's rules on which the two differ.
    /// <see cref="Compare"/> is this comparison, so the rule an explanation names is the one the engine used.
    /// </summary>
    public (int Order, OrderRule Rule) Decide((Voucher Voucher, Money Balance) x, (Voucher Voucher, Money Balance) y)
    {
        // 1. With the switch on, product-trial vouchers first.
        if (_associatedFirst)
        {
            var byTrial = Eligibility.IsAssociatedTrial(y.Voucher, _payerKind).CompareTo(Eligibility.IsAssociatedTrial(x.Voucher, _payerKind));
            if (byTrial != 0)
            {
                return (byTrial, OrderRule.AssociatedFirst);
            }
        }

        // 2. Earliest expiry first: use what would otherwise be lost.
        var byExpiry = x.Voucher.ExpiresAt.CompareTo(y.Voucher.ExpiresAt);
        if (byExpiry != 0)
        {
            return (byExpiry, OrderRule.EarlierExpiry);
        }

        // 3. The voucher that can cover more of this line first (fewer vouchers per line).
        var byCoverable = Coverable(y.Balance).CompareTo(Coverable(x.Balance));
        if (byCoverable != 0)
        {
            return (byCoverable, OrderRule.CoversMore);
        }

        // 4. Smaller balance first: finish off small remainders.
        var byBalance = x.Balance.MinorUnits.CompareTo(y.Balance.MinorUnits);
        if (byBalance != 0)
        {
            return (byBalance, OrderRule.SmallerBalance);
        }

        // 5. Oldest, then id.
        var byAge = x.Voucher.IssuedAt.CompareTo(y.Voucher.IssuedAt);
        return byAge != 0 ? (byAge, OrderRule.Older) : (string.CompareOrdinal(x.Voucher.VoucherId, y.Voucher.VoucherId), OrderRule.VoucherId);
    }

    private long Coverable(Money balance) => Math.Min(balance.MinorUnits, _lineRemaining.MinorUnits);
}
