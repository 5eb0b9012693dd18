namespace VoucherFunctions.Domain.Tests.Deduction;

using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;

/// <summary>Invariants of the deduction engine over random bills and candidate vouchers.</summary>
public class DeductionProperties
{
    private const int Runs = 500;
    private static readonly DateTimeOffset AppliedAt = DateTimeOffset.Parse("2025-04-01T00:00:00Z");

    private static DeductionResult Run(DeductionScenario s) => DeductionEngine.Deduct(s.Bill, s.Vouchers, s.Settings, AppliedAt);

    [Property(MaxTest = Runs)]
    public Property Per_line_allocated_is_at_most_the_amount_and_remaining_is_the_difference() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s => Run(s).Lines.All(line =>
            line.Allocated <= line.Amount
            && line.RemainingPayable == line.Amount - line.Allocated
            && !line.RemainingPayable.IsNegative
            && line.Allocations.Aggregate(Money.Zero(line.Amount.Currency), (sum, a) => sum + a.Amount) == line.Allocated
            && line.Allocations.All(a => a.Amount.IsPositive)));

    [Property(MaxTest = Runs)]
    public Property Per_voucher_allocated_is_at_most_the_balance_and_no_balance_goes_below_zero() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var result = Run(s);
            return s.Vouchers.All(v =>
            {
                var allocated = result.Allocations.Where(a => a.VoucherId == v.VoucherId).Aggregate(Money.Zero(v.Currency), (sum, a) => sum + a.Amount);
                var newBalance = result.NewBalances[v.VoucherId];
                var updated = result.UpdatedVouchers.SingleOrDefault(u => u.VoucherId == v.VoucherId);
                return allocated <= v.Balance
                    && !newBalance.IsNegative
                    && newBalance == v.Balance - allocated
                    && (updated is null ? allocated.IsZero : updated.Balance == newBalance && (newBalance.IsZero == (updated.Status == Domain.Vouchers.VoucherStatus.Exhausted)));
            });
        });

    [Property(MaxTest = Runs)]
    public Property The_result_does_not_depend_on_the_order_of_the_candidates_or_the_lines() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var reordered = s.Bill with { Lines = s.ShuffledLines };
            var original = Describe(Run(s), s.Bill);
            var shuffled = Describe(DeductionEngine.Deduct(reordered, s.ShuffledVouchers, s.Settings, AppliedAt), s.Bill);
            return original == shuffled;
        });

    [Property(MaxTest = Runs)]
    public Property An_ineligible_voucher_is_never_used() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var result = Run(s);
            var vouchers = s.Vouchers.ToDictionary(v => v.VoucherId);
            var lines = s.Bill.Lines.ToDictionary(l => l.LineId);
            return result.Allocations.All(a => SpecEligibility.IsEligible(vouchers[a.VoucherId], s.Bill, lines[a.LineId]));
        });

    [Property(MaxTest = Runs)]
    public Property Vouchers_are_used_in_the_spec_order() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var engine = Run(s).Lines
                .OrderBy(l => l.LineId, StringComparer.Ordinal)
                .SelectMany(l => l.Allocations.Select(a => (a.LineId, a.VoucherId, a.Amount.MinorUnits)));
            return engine.SequenceEqual(ReferenceDeduction.Allocate(s.Bill, s.Vouchers, s.AssociatedFirst));
        });

    [Property(MaxTest = Runs)]
    public Property The_domain_eligibility_rule_agrees_with_the_spec() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s => s.Bill.Lines.All(line =>
            s.Vouchers.All(v => Eligibility.IsEligible(v, s.Bill, line) == SpecEligibility.IsEligible(v, s.Bill, line))));

    [Property(MaxTest = Runs)]
    public Property A_line_left_partly_payable_has_exhausted_every_voucher_eligible_for_it() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var result = Run(s);
            return s.Bill.Lines.All(line =>
                result.Lines.Single(o => o.LineId == line.LineId).RemainingPayable.IsZero
                || s.Vouchers.Where(v => SpecEligibility.IsEligible(v, s.Bill, line)).All(v => result.NewBalances[v.VoucherId].IsZero));
        });

    [Property(MaxTest = Runs)]
    public Property A_single_line_is_fully_covered_whenever_its_eligible_balance_suffices() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var line = s.Bill.Lines[0];
            var single = s.Bill with { Lines = [line] };
            var eligibleBalance = s.Vouchers.Where(v => SpecEligibility.IsEligible(v, single, line)).Sum(v => v.Balance.MinorUnits);
            var outcome = DeductionEngine.Deduct(single, s.Vouchers, s.Settings, AppliedAt).Lines[0];
            return (eligibleBalance >= line.Amount.MinorUnits) == outcome.RemainingPayable.IsZero
                && outcome.Allocated.MinorUnits == Math.Min(eligibleBalance, line.Amount.MinorUnits);
        });

    [Property(MaxTest = Runs)]
    public Property Usages_match_allocations_one_per_voucher_and_line() =>
        Prop.ForAll(DeductionGenerators.Scenarios(), s =>
        {
            var result = Run(s);
            var allocations = result.Allocations.ToList();
            return result.Usages.Count == allocations.Count
                && result.Usages.Select(u => (u.VoucherId, u.LineId)).Distinct().Count() == result.Usages.Count
                && result.Usages.All(u => allocations.Any(a => a.VoucherId == u.VoucherId && a.LineId == u.LineId && a.Amount == u.Amount))
                && result.TotalAllocated + result.TotalRemainingPayable == s.Bill.Total;
        });

    /// <summary>A canonical text of a result, with lines in the given bill's order.</summary>
    private static string Describe(DeductionResult result, Bill bill)
    {
        var text = new StringBuilder();
        foreach (var line in bill.Lines)
        {
            var outcome = result.Lines.Single(l => l.LineId == line.LineId);
            text.Append(outcome.LineId).Append(':');
            foreach (var a in outcome.Allocations)
            {
                text.Append(a.VoucherId).Append('=').Append(a.Amount).Append(',');
            }

            text.Append(" rest ").Append(outcome.RemainingPayable).Append('\n');
        }

        foreach (var (id, balance) in result.NewBalances)
        {
            text.Append(id).Append(' ').Append(balance).Append('\n');
        }

        foreach (var v in result.UpdatedVouchers)
        {
            text.Append(v.VoucherId).Append(' ').Append(v.Status).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>Guards the generator: the properties above only mean something if random scenarios often exercise real deductions.</summary>
public class DeductionGeneratorCoverage
{
    [Fact]
    public void Generated_scenarios_exercise_full_partial_and_multi_voucher_coverage()
    {
        var samples = DeductionGenerators.ScenarioGen.Sample(1000);
        var results = samples.Select(s => DeductionEngine.Deduct(s.Bill, s.Vouchers, s.Settings, DateTimeOffset.UnixEpoch)).ToList();
        var lines = results.SelectMany(r => r.Lines).Where(l => l.Amount.IsPositive).ToList();

        Assert.InRange(lines.Count(l => l.Allocations.Count > 0 && l.RemainingPayable.IsZero), lines.Count / 10, lines.Count);
        Assert.InRange(lines.Count(l => l.Allocations.Count > 0 && l.RemainingPayable.IsPositive), lines.Count / 20, lines.Count);
        Assert.InRange(lines.Count(l => l.Allocations.Count > 1), lines.Count / 50, lines.Count);
        Assert.InRange(lines.Count(l => l.Allocations.Count == 0), lines.Count / 10, lines.Count);
    }
}
