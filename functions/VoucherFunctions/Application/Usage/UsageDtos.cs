using System.ComponentModel;
using VoucherFunctions.Domain.Deduction;

namespace VoucherFunctions.Application.Usage;

public sealed record UsageDto(
    string VoucherId,
    string BillId,
    string LineId,
    string ProductCode,
    string? SubProductCode,
    PaymentMode PaymentMode,
    string Amount,
    string Currency,
    DateTimeOffset BillTime,
    DateTimeOffset AppliedAt,
    PayerKind PayerKind,
    string PayerId,
    string CustomerUin)
{
    public static UsageDto From(VoucherUsage u) => new(
        u.VoucherId, u.BillId, u.LineId, u.ProductCode, u.SubProductCode, u.PaymentMode, u.Amount.ToString(), u.Amount.Currency.Code,
        u.BillTime, u.AppliedAt, u.PayerKind, u.PayerId, u.CustomerUin);
}

public sealed class UsageQuery
{
    [Description("Only usage whose bill time falls in this UTC calendar month, as YYYY-MM.")]
    public string? Month { get; set; }
}
