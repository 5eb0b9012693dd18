using Azure.Data.Tables;
using VoucherFunctions.Domain.Deduction;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>
/// A usage row: PK = the voucher's partner, RK = "usage|{voucherId}|{billTime ticks}|{billId}|{lineId}",
/// so one voucher's usage is a row-key range and one month of it a narrower range. Written only by the
/// bill ledger, in the same transaction as the balance change.
/// </summary>
internal static class UsageRows
{
    public static TableEntity ToEntity(VoucherUsage u, string voucherPartnerId)
    {
        var e = New(Keys.Partner(voucherPartnerId), Keys.Usage(u.VoucherId, u.BillTime, u.BillId, u.LineId), "usage");
        e["VoucherId"] = u.VoucherId;
        e["BillId"] = u.BillId;
        e["LineId"] = u.LineId;
        e["ProductCode"] = u.ProductCode;
        e["SubProductCode"] = u.SubProductCode;
        e["PaymentMode"] = u.PaymentMode.ToString();
        e["Currency"] = u.Amount.Currency.Code;
        SetMoney(e, "Amount", u.Amount);
        SetTime(e, "BillTime", u.BillTime);
        SetTime(e, "AppliedAt", u.AppliedAt);
        e["PayerKind"] = u.PayerKind.ToString();
        e["PayerId"] = u.PayerId;
        e["PartnerId"] = u.PartnerId;
        e["CustomerUin"] = u.CustomerUin;
        return e;
    }

    public static VoucherUsage FromEntity(TableEntity e) => new(
        GetString(e, "VoucherId"),
        GetString(e, "BillId"),
        GetString(e, "LineId"),
        GetString(e, "ProductCode"),
        e.GetString("SubProductCode"),
        GetEnum<PaymentMode>(e, "PaymentMode"),
        GetMoney(e, "Amount", GetCurrency(e)),
        GetTime(e, "BillTime"),
        GetTime(e, "AppliedAt"),
        GetEnum<PayerKind>(e, "PayerKind"),
        GetString(e, "PayerId"),
        GetString(e, "PartnerId"),
        GetString(e, "CustomerUin"));
}
