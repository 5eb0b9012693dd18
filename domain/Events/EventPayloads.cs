namespace VoucherFunctions.Domain.Events;

using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

// The CloudEvents' data. Ids and amounts as the API writes them (amounts are decimal strings in the currency);
// only the partner's own records: another partner appears by its id only where the API shows that id too.

/// <summary>Data of every <c>voucher.*</c> event: the voucher as written by the change.</summary>
public sealed record VoucherEventData(
    string VoucherId,
    VoucherType Type,
    VoucherPurpose Purpose,
    string? CustomerUin,
    string? TemplateId,
    string? ApplicationId,
    string? AssociatedVoucherId,
    string Name,
    string Currency,
    string Amount,
    string Balance,
    string UsedAmount,
    string WithdrawnAmount,
    FundingParty FundingParty,
    string? DistributorId,
    DateTimeOffset IssuedAt,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    VoucherStatus Status,
    DateTimeOffset StatusChangedAt)
{
    public static VoucherEventData From(Voucher v) => new(
        v.VoucherId, v.Type, v.Purpose, v.CustomerUin, v.TemplateId, v.ApplicationId, v.AssociatedVoucherId, v.Name,
        v.Currency.Code, v.Amount.ToString(), v.Balance.ToString(), v.UsedAmount.ToString(), v.WithdrawnAmount.ToString(),
        v.FundingParty, v.DistributorId, v.IssuedAt, v.EffectiveFrom, v.ExpiresAt, v.Status, v.StatusChangedAt);
}

/// <summary>The Type II / Type III pair an approval issued to one customer.</summary>
public sealed record TrialVouchersData(string CustomerUin, string PartnerVoucherId, string CustomerVoucherId);

/// <summary>Data of every <c>application.*</c> event: the application after the change.</summary>
public sealed record ApplicationEventData(
    string ApplicationId,
    string? SecondLevelResellerId,
    string TemplateId,
    IReadOnlyList<string> CustomerUins,
    string Currency,
    string Amount,
    ApplicationStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? OverdueAt,
    DateTimeOffset? DecidedAt,
    string? RejectReason,
    IReadOnlyList<TrialVouchersData>? Vouchers)
{
    public static ApplicationEventData From(VoucherApplication a) => new(
        a.ApplicationId, a.SecondLevelResellerId, a.TemplateId, a.CustomerUins, a.Amount.Currency.Code, a.Amount.ToString(), a.Status,
        a.SubmittedAt, a.OverdueAt, a.DecidedAt, a.RejectReason,
        a.Status == ApplicationStatus.Approved && a.ApprovedBlocklist is not null
            ? a.TrialVoucherPairs().Select(p => new TrialVouchersData(p.PartnerVoucher.CustomerUin!, p.PartnerVoucher.VoucherId, p.CustomerVoucher.VoucherId)).ToArray()
            : null);
}

/// <summary>What one voucher paid of a bill, over all its lines.</summary>
public sealed record VoucherUseData(string VoucherId, string Amount);

/// <summary>Data of <c>bill.applied</c>: the bill's totals and the vouchers it used.</summary>
public sealed record BillAppliedData(
    string BillId,
    PayerKind PayerKind,
    string PayerId,
    string CustomerUin,
    string Currency,
    DateTimeOffset BillTime,
    DateTimeOffset AppliedAt,
    string TotalAmount,
    string TotalAllocated,
    string TotalRemainingPayable,
    IReadOnlyList<VoucherUseData> Vouchers,
    string ContentHash)
{
    public static BillAppliedData From(BillOutcome o) => new(
        o.BillId, o.PayerKind, o.PayerId, o.CustomerUin, o.Currency.Code, o.BillTime, o.AppliedAt,
        o.TotalAmount.ToString(), o.TotalAllocated.ToString(), o.TotalRemainingPayable.ToString(),
        o.Lines.SelectMany(l => l.Allocations)
            .GroupBy(a => a.VoucherId, StringComparer.Ordinal)
            .Select(g => new VoucherUseData(g.Key, g.Aggregate(Money.Zero(o.Currency), (sum, a) => sum + a.Amount).ToString()))
            .OrderBy(v => v.VoucherId, StringComparer.Ordinal)
            .ToArray(),
        o.ContentHash);
}

/// <summary>Data of <c>bill.rejected</c>: the refusal's stable code and message.</summary>
public sealed record BillRejectedData(string BillId, PayerKind PayerKind, string PayerId, string Code, string Message, DateTimeOffset RejectedAt, string? ContentHash);

/// <summary>Data of <c>quota.allocated</c> and <c>quota.reclaimed</c>: the amount moved and the pool after it.</summary>
public sealed record QuotaEventData(string DistributorId, string ResellerId, string Currency, string Amount, string Total, string Issued, string Remaining, DateTimeOffset UpdatedAt)
{
    public static QuotaEventData From(QuotaPool pool, Money amount) => new(
        pool.DistributorId, pool.ResellerId, pool.Total.Currency.Code, amount.ToString(), pool.Total.ToString(), pool.Issued.ToString(), pool.Remaining.ToString(), pool.UpdatedAt);
}
