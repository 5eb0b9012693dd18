using Azure.Data.Tables;
using VoucherFunctions.Domain.Deduction;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>A bill rejection: PK = the bill's partner, RK = "billrej|{payerKind}|{payerId}|{billId}".</summary>
internal static class BillRejectionRows
{
    // Azure caps a string property at 32 K characters; a reason never needs that much.
    private const int MaxMessageLength = 4000;

    public static TableEntity ToEntity(BillRejection r)
    {
        var e = New(Keys.Partner(r.PartnerId), Keys.BillRejection(r.PayerKind, r.PayerId, r.BillId), "billrejection");
        e["PartnerId"] = r.PartnerId;
        e["PayerKind"] = r.PayerKind.ToString();
        e["PayerId"] = r.PayerId;
        e["BillId"] = r.BillId;
        e["Code"] = r.Code;
        e["Message"] = r.Message.Length <= MaxMessageLength ? r.Message : r.Message[..MaxMessageLength];
        SetTime(e, "RejectedAt", r.RejectedAt);
        e["ContentHash"] = r.ContentHash;
        return e;
    }

    public static BillRejection FromEntity(TableEntity e) => new(
        GetString(e, "PartnerId"),
        GetEnum<PayerKind>(e, "PayerKind"),
        GetString(e, "PayerId"),
        GetString(e, "BillId"),
        GetString(e, "Code"),
        GetString(e, "Message"),
        GetTime(e, "RejectedAt"),
        e.GetString("ContentHash"));
}
