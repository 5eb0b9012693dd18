namespace VoucherFunctions.Domain.Tests.Deduction;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VoucherFunctions.Domain.Deduction;

/// <summary>Explain over random bills and vouchers: it is the deduction, and it accounts for every voucher on every line once.</summary>
public class ExplainProperties
{
    private const int Runs = 500;
    private static readonly DateTimeOffset AppliedAt = DateTimeOffset.Parse("2025-04-01T00:00:00Z");

    [Property(MaxTest = Runs)]
    public Property Explains_allocations_are_what_deduct_applies_line_by_line_in_order() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var explained = DeductionEngine.Explain(s.Bill, s.Vouchers, s.Settings, AppliedAt);
            var deducted = DeductionEngine.Deduct(s.Bill, s.ShuffledVouchers, s.Settings, AppliedAt);
            return s.Bill.Lines.Select((line, i) => (Explained: explained.Lines[i], Deducted: deducted.Lines[i])).All(pair =>
                    pair.Explained.LineId == pair.Deducted.LineId
                    && pair.Explained.Allocations.Select(a => (a.VoucherId, a.Amount)).SequenceEqual(pair.Deducted.Allocations.Select(a => (a.VoucherId, a.Amount)))
                    && pair.Explained.RemainingPayable == pair.Deducted.RemainingPayable)
                && explained.Result.NewBalances.SequenceEqual(deducted.NewBalances);
        });

    [Property(MaxTest = Runs)]
    public Property Every_voucher_is_used_on_a_line_or_has_exactly_one_first_reason() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var explained = DeductionEngine.Explain(s.Bill, s.Vouchers, s.Settings, AppliedAt);
            var ids = s.Vouchers.Select(v => v.VoucherId).Order(StringComparer.Ordinal).ToArray();
            return explained.Lines.All(line =>
                line.Allocations.Select(a => a.VoucherId).Concat(line.Unused.Select(u => u.VoucherId)).Order(StringComparer.Ordinal).SequenceEqual(ids)
                && line.Unused.All(u => u.NotNeeded ? u.Rule is not null || line.Allocations.Count == 0 : u.OutrankedBy is null && u.Rule is null));
        });

    [Property(MaxTest = Runs)]
    public Property A_voucher_ineligible_by_the_spec_is_unused_with_a_reason_and_an_eligible_one_is_used_or_not_needed() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            // The first line sees the balances as given, so the spec's rule (restated independently) applies to it directly.
            var line = s.Bill.Lines.OrderBy(l => l.LineId, StringComparer.Ordinal).First();
            var explained = DeductionEngine.Explain(s.Bill, s.Vouchers, s.Settings, AppliedAt).Lines.Single(l => l.LineId == line.LineId);
            return s.Vouchers.All(v =>
            {
                var unused = explained.Unused.SingleOrDefault(u => u.VoucherId == v.VoucherId);
                return SpecEligibility.IsEligible(v, s.Bill, line)
                    ? unused is null || (unused.NotNeeded && explained.RemainingPayable.IsZero)
                    : unused is { Ineligible: not null } && unused.Ineligible == Eligibility.Check(v, s.Bill, line);
            });
        });

    [Property(MaxTest = Runs)]
    public Property Each_allocation_is_placed_before_the_next_by_a_rule_the_order_agrees_with() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var explained = DeductionEngine.Explain(s.Bill, s.Vouchers, s.Settings, AppliedAt);
            return explained.Lines.All(line => line.Allocations.Select((a, i) =>
                i == line.Allocations.Count - 1
                    ? a.PlacedBefore is null && a.Rule is null
                    : a.PlacedBefore == line.Allocations[i + 1].VoucherId && a.Rule is not null && (s.AssociatedFirst || a.Rule != OrderRule.AssociatedFirst)).All(ok => ok));
        });
}
