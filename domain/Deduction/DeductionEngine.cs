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
    public static DeductionResult Deduct(Bill bill, IReadOnlyCollection<Voucher> candidates, PartnerSettings settings, DateTimeOffset appliedAt) =>
        Run(bill, candidates, settings, appliedAt, explanations: null);

    /// <summary>
    /// The same deduction as <see cref="Deduct"/> (the same code runs; its result is <see cref="DeductionExplanation.Result"/>),
    /// and per line why each candidate paid, in which order and by which rule, or why it did not. Pure: a dry run.
    /// </summary>
    public static DeductionExplanation Explain(Bill bill, IReadOnlyCollection<Voucher> candidates, PartnerSettings settings, DateTimeOffset appliedAt)
    {
        var explanations = new Dictionary<string, LineExplanation>(StringComparer.Ordinal);
        var result = Run(bill, candidates, settings, appliedAt, explanations);
        return new DeductionExplanation(result, bill.Lines.Select(l => explanations[l.LineId]).ToArray(), settings.AssociatedVouchersDeductedFirst);
    }

    /// <param name="explanations">Null to deduct only; otherwise filled with each line's explanation, recorded as the line is decided.</param>
    private static DeductionResult Run(Bill bill, IReadOnlyCollection<Voucher> candidates, PartnerSettings settings, DateTimeOffset appliedAt, Dictionary<string, LineExplanation>? explanations)
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
            var checks = vouchers.Values.Select(v => (Voucher: v, Reason: Eligibility.Check(v, bill, line, balances[v.VoucherId]))).ToList();
            var eligible = checks.Where(c => c.Reason is null).Select(c => c.Voucher).ToList();
            var steps = explanations is null ? null : new List<(DeductionOrder Order, (Voucher Voucher, Money Balance) Chosen)>();
            while (remaining.IsPositive)
            {
                var order = new DeductionOrder(bill.PayerKind, settings.AssociatedVouchersDeductedFirst, remaining);
                var usable = eligible.Select(v => (Voucher: v, Balance: balances[v.VoucherId])).Where(c => c.Balance.IsPositive).ToList();
                if (usable.Count == 0)
                {
                    break;
                }

                var best = usable.Aggregate((a, b) => order.Compare(a, b) <= 0 ? a : b);
                steps?.Add((order, best));
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
            if (explanations is not null)
            {
                explanations[line.LineId] = ExplainLine(line, allocations, steps!, checks, balances, remaining);
            }
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

    /// <summary>
    /// Each allocation with the rule (of the order it was chosen under) that put it before the next one; each voucher not
    /// used on the line with its first failing eligibility rule, or, when eligible, as not needed behind the line's last
    /// allocation. Reads only what the loop above decided, so explain and deduct cannot differ.
    /// </summary>
    private static LineExplanation ExplainLine(
        BillLine line,
        List<VoucherAllocation> allocations,
        List<(DeductionOrder Order, (Voucher Voucher, Money Balance) Chosen)> steps,
        List<(Voucher Voucher, Ineligibility? Reason)> checks,
        Dictionary<string, Money> balances,
        Money remaining)
    {
        var explained = new ExplainedAllocation[allocations.Count];
        for (var i = 0; i < allocations.Count; i++)
        {
            var (order, chosen) = steps[i];
            var next = i + 1 < steps.Count ? steps[i + 1].Chosen : ((Voucher Voucher, Money Balance)?)null;
            explained[i] = new ExplainedAllocation(
                allocations[i].VoucherId,
                allocations[i].Amount,
                chosen.Balance,
                next?.Voucher.VoucherId,
                next is null ? null : order.Decide(chosen, next.Value).Rule);
        }

        var used = allocations.Select(a => a.VoucherId).ToHashSet(StringComparer.Ordinal);
        var last = steps.Count > 0 ? steps[^1] : ((DeductionOrder Order, (Voucher Voucher, Money Balance) Chosen)?)null;
        var unused = checks
            .Where(c => !used.Contains(c.Voucher.VoucherId))
            .OrderBy(c => c.Voucher.VoucherId, StringComparer.Ordinal)
            .Select(c => c.Reason is not null || last is null
                ? new UnusedVoucher(c.Voucher.VoucherId, c.Reason, null, null)
                : new UnusedVoucher(c.Voucher.VoucherId, null, last.Value.Chosen.Voucher.VoucherId, last.Value.Order.Decide(last.Value.Chosen, (c.Voucher, balances[c.Voucher.VoucherId])).Rule))
            .ToArray();
        return new LineExplanation(line.LineId, line.Amount, explained, unused, remaining);
    }
}
