using Azure.Data.Tables;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Ports;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>
/// A quota pool row lives in the reseller's partition (RK = "quota|{distributorId}") so issuance takes
/// quota in the same transaction as the vouchers; the distributor's partition holds an index row
/// "quotaidx|{resellerId}" (a pointer only, so it never goes stale in value).
/// </summary>
internal static class QuotaPoolRows
{
    public const string Kind = "quota";

    public static TableEntity ToEntity(QuotaPool p)
    {
        var e = New(Keys.Partner(p.ResellerId), Keys.Quota(p.DistributorId), Kind);
        e["DistributorId"] = p.DistributorId;
        e["ResellerId"] = p.ResellerId;
        e["Currency"] = p.Total.Currency.Code;
        SetMoney(e, "Total", p.Total);
        SetMoney(e, "Issued", p.Issued);
        e["IssuedCount"] = p.IssuedCount;
        SetTime(e, "UpdatedAt", p.UpdatedAt);
        return e;
    }

    public static QuotaPool FromEntity(TableEntity e)
    {
        var currency = GetCurrency(e);
        return new QuotaPool
        {
            DistributorId = GetString(e, "DistributorId"),
            ResellerId = GetString(e, "ResellerId"),
            Total = GetMoney(e, "Total", currency),
            Issued = GetMoney(e, "Issued", currency),
            IssuedCount = e.GetInt32("IssuedCount") ?? 0,
            UpdatedAt = GetTime(e, "UpdatedAt"),
        };
    }

    public static Versioned<QuotaPool> Versioned(TableEntity e) => new(FromEntity(e), e.ETag.ToString());

    public static TableEntity IndexEntity(string distributorId, string resellerId)
    {
        var e = New(Keys.Partner(distributorId), Keys.QuotaIndex(resellerId), "quotaidx");
        e["ResellerId"] = resellerId;
        return e;
    }
}
