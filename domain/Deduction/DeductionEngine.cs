namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// Applies vouchers to a bill. Pure: it returns what should happen and changes nothing.
/// <para>
/// Per line, the eligible vouchers (<see cref="Eligibility"/>) pay in <see cref="DeductionOrder"/>:
/// the best voucher pays as much as it can (its balance or the rest of the line), then the order is
/// re-evaluated for what remains, until the line is paid or no eligible voucher has balance left.
/// Balances carry across lines of the same bill. Lines are processed in ordinal order of their ids,
/// so the result does not depend on the order of the lines or of the candidate vouchers.
/// </para>
/// </summary>
public static class DeductionEngine
{
    /// <param name="bill">A valid bill (it is validated again here).</param>
    /// <param name="candidates">Vouchers that might pay: typically the payer's vouchers; ineligible ones are ignored. Ids must be unique.</param>
    /// <param name="settings">The bill partner's settings.</param>
    /// <param name="appliedAt">When the deduction is applied (recorded on usages and on vouchers that become exhausted).</param>
    public static DeductionResult Deduct(Bill bill, IReadOnlyCollection<Voucher> candidates, PartnerSettings settings, DateTimeOffset appliedAt)
    {
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PartnerId != bill.PartnerId)
        {
            throw new ArgumentException($"Settings of partner '{settings.PartnerId}' given for a bill of partner '{bill.PartnerId}'.", nameof(settings));
        }

        bill.Validate();
        var applied = appliedAt.ToUniversalTime();

        var vouchers = new Dictionary<string, Voucher>(StringComparer.Ordinal);
        var balances = new Dictionary<string, Money>(StringComparer.Ordinal);
        foreach (var voucher in candidates)
        {
            ArgumentNullException.ThrowIfNull(voucher);
            Guard.That(vouchers.TryAdd(voucher.VoucherId, voucher), ErrorCodes.DeductionDuplicateVoucher, $"Voucher '{voucher.VoucherId}' is among the candidates twice.");
            balances[voucher.VoucherId] = voucher.Balance;
        }

        var outcomes = new Dictionary<string, LineOutcome>(StringComparer.Ordinal);
        var usages = new List<VoucherUsage>();
        var zero = Money.Zero(bill.Currency);
        foreach (var line in bill.Lines.OrderBy(l => l.LineId, StringComparer.Ordinal))
        {
            var allocations = new List<VoucherAllocation>();
            var remaining = line.Amount;
            var eligible = vouchers.Values.Where(v => Eligibility.Check(v, bill, line, balances[v.VoucherId]) is null).ToList();
            while (remaining.IsPositive)
            {
                var order = new DeductionOrder(bill.PayerKind, settings.AssociatedVouchersDeductedFirst, remaining);
                var usable = eligible.Select(v => (Voucher: v, Balance: balances[v.VoucherId])).Where(c => c.Balance.IsPositive).ToList();
                if (usable.Count == 0)
                {
                    break;
                }

                var best = usable.Aggregate((a, b) => order.Compare(a, b) <= 0 ? a : b);
                var take = Money.Min(best.Balance, remaining);
                balances[best.Voucher.VoucherId] = best.Balance - take;
                remaining -= take;
                allocations.Add(new VoucherAllocation(best.Voucher.VoucherId, line.LineId, take));
                usages.Add(new VoucherUsage(
                    best.Voucher.VoucherId,
                    bill.BillId,
                    line.LineId,
                    line.ProductCode,
                    line.SubProductCode,
                    line.PaymentMode,
                    take,
                    bill.BillTime,
                    applied,
                    bill.PayerKind,
                    bill.PayerId,
                    bill.PartnerId,
                    bill.CustomerUin));
            }

            outcomes[line.LineId] = new LineOutcome(line.LineId, line.Amount, allocations, line.Amount - remaining, remaining);
        }

        var updated = vouchers.Values
            .Where(v => balances[v.VoucherId] != v.Balance)
            .OrderBy(v => v.VoucherId, StringComparer.Ordinal)
            .Select(v => v.Deduct(v.Balance - balances[v.VoucherId], bill.BillTime, applied))
            .ToArray();

        var lines = bill.Lines.Select(l => outcomes[l.LineId]).ToArray();
        var totalAmount = lines.Aggregate(zero, (sum, l) => sum + l.Amount);
        var totalAllocated = lines.Aggregate(zero, (sum, l) => sum + l.Allocated);
        return new DeductionResult(
            bill.BillId,
            lines,
            usages,
            updated,
            new SortedDictionary<string, Money>(balances, StringComparer.Ordinal),
            totalAmount,
            totalAllocated,
            totalAmount - totalAllocated);
    }
}
