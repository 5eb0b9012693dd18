using Azure.Data.Tables;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>
/// The bill marker: PK = the bill's partner, RK = "bill|{payerKind}|{payerId}|{billId}". Inserted (never
/// upserted) in the bill's transaction, so it is both the stored outcome and the idempotency lock.
/// The line outcomes are JSON (amounts as Int64 10^-8 units), split over properties when long.
/// </summary>
internal static class BillOutcomeRows
{
    /// <summary>15 chunks of 30,000 chars stay under the 1 MiB entity limit with room for the other properties.</summary>
    public const int MaxLineChunks = 15;

    public static TableEntity ToEntity(BillOutcome o)
    {
        var e = New(Keys.Partner(o.PartnerId), Keys.Bill(o.PayerKind, o.PayerId, o.BillId), "bill");
        e["BillId"] = o.BillId;
        e["PartnerId"] = o.PartnerId;
        e["PayerKind"] = o.PayerKind.ToString();
        e["PayerId"] = o.PayerId;
        e["CustomerUin"] = o.CustomerUin;
        e["Currency"] = o.Currency.Code;
        SetTime(e, "BillTime", o.BillTime);
        SetTime(e, "AppliedAt", o.AppliedAt);
        e["ContentHash"] = o.ContentHash;
        SetMoney(e, "TotalAmount", o.TotalAmount);
        SetMoney(e, "TotalAllocated", o.TotalAllocated);
        SetMoney(e, "TotalRemainingPayable", o.TotalRemainingPayable);
        var lines = o.Lines.Select(l => new LineRow(
            l.LineId,
            l.Amount.MinorUnits,
            l.Allocated.MinorUnits,
            l.RemainingPayable.MinorUnits,
            l.Allocations.Select(a => new AllocationRow(a.VoucherId, a.Amount.MinorUnits)).ToArray())).ToArray();
        SetChunked(e, "Lines", ToJson(lines), MaxLineChunks);
        return e;
    }

    public static BillOutcome FromEntity(TableEntity e)
    {
        var currency = GetCurrency(e);
        var lines = System.Text.Json.JsonSerializer.Deserialize<LineRow[]>(GetChunked(e, "Lines"), Json) ?? [];
        return new BillOutcome(
            GetString(e, "BillId"),
            GetString(e, "PartnerId"),
            GetEnum<PayerKind>(e, "PayerKind"),
            GetString(e, "PayerId"),
            GetString(e, "CustomerUin"),
            currency,
            GetTime(e, "BillTime"),
            GetTime(e, "AppliedAt"),
            GetString(e, "ContentHash"),
            lines.Select(l => new LineOutcome(
                l.LineId,
                Money.FromMinorUnits(l.Amount, currency),
                l.Allocations.Select(a => new VoucherAllocation(a.VoucherId, l.LineId, Money.FromMinorUnits(a.Amount, currency))).ToArray(),
                Money.FromMinorUnits(l.Allocated, currency),
                Money.FromMinorUnits(l.Remaining, currency))).ToArray(),
            GetMoney(e, "TotalAmount", currency),
            GetMoney(e, "TotalAllocated", currency),
            GetMoney(e, "TotalRemainingPayable", currency));
    }

    private sealed record LineRow(string LineId, long Amount, long Allocated, long Remaining, AllocationRow[] Allocations);

    private sealed record AllocationRow(string VoucherId, long Amount);
}
