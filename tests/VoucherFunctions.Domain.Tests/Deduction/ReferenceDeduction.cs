namespace VoucherFunctions.Domain.Tests.Deduction;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// A deliberately naive restatement of the spec's order of use (sort by the five criteria, take the
/// first, repeat), used as an oracle for the engine. Works in raw minor units.
/// </summary>
internal static class ReferenceDeduction
{
    public static List<(string LineId, string VoucherId, long Amount)> Allocate(Bill bill, IReadOnlyList<Voucher> vouchers, bool associatedFirst)
    {
        var balances = vouchers.ToDictionary(v => v.VoucherId, v => v.Balance.MinorUnits);
        var allocations = new List<(string, string, long)>();
        foreach (var line in bill.Lines.OrderBy(l => l.LineId, StringComparer.Ordinal))
        {
            var remaining = line.Amount.MinorUnits;
            var eligible = vouchers.Where(v => SpecEligibility.IsEligible(v, bill, line)).ToList();
            while (remaining > 0)
            {
                var next = eligible
                    .Where(v => balances[v.VoucherId] > 0)
                    .OrderBy(v => associatedFirst && IsTrial(v, bill.PayerKind) ? 0 : 1)
                    .ThenBy(v => v.ExpiresAt)
                    .ThenByDescending(v => Math.Min(balances[v.VoucherId], remaining))
                    .ThenBy(v => balances[v.VoucherId])
                    .ThenBy(v => v.IssuedAt)
                    .ThenBy(v => v.VoucherId, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (next is null)
                {
                    break;
                }

                var take = Math.Min(balances[next.VoucherId], remaining);
                balances[next.VoucherId] -= take;
                remaining -= take;
                allocations.Add((line.LineId, next.VoucherId, take));
            }
        }

        return allocations;
    }

    private static bool IsTrial(Voucher v, PayerKind payer) =>
        payer == PayerKind.Partner ? v.Type == VoucherType.TypeII : v.Type == VoucherType.TypeIII && v.Purpose == VoucherPurpose.ProductTrial;
}
