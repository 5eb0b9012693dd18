using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>
/// A voucher row: PK = its partner, RK = <see cref="VoucherKeys.Row(Voucher)"/>; filterable fields are plain properties.
/// Its pointer row "voucher|{id}" names that row key. (Before the payer-keyed layout the full voucher lived at
/// "voucher|{id}" itself, with <see cref="Kind"/> "voucher"; <see cref="VoucherLayoutMigration"/> moves such rows.)
/// </summary>
internal static class VoucherRows
{
    public const string Kind = "voucher";

    public const string PointerKind = "voucherref";

    /// <summary>The pointer's property holding the voucher's current row key.</summary>
    public const string At = "At";

    public static TableEntity ToPointer(Voucher v)
    {
        var e = New(Keys.Partner(v.PartnerId), Keys.Voucher(v.VoucherId), PointerKind);
        e[At] = VoucherKeys.Row(v);
        return e;
    }

    public static bool IsPointer(TableEntity e) => e.GetString("Kind") == PointerKind;

    public static TableEntity ToEntity(Voucher v)
    {
        var e = New(Keys.Partner(v.PartnerId), VoucherKeys.Row(v), Kind);
        e["VoucherId"] = v.VoucherId;
        e[VoucherNumbering.Property] = v.NumericId;
        e["PartnerId"] = v.PartnerId;
        e["Type"] = v.Type.ToString();
        e["Purpose"] = v.Purpose.ToString();
        e["FundingParty"] = v.FundingParty.ToString();
        e["DistributorId"] = v.DistributorId;
        e["CustomerUin"] = v.CustomerUin;
        e["TemplateId"] = v.TemplateId;
        e["ApplicationId"] = v.ApplicationId;
        e["AssociatedVoucherId"] = v.AssociatedVoucherId;
        e["Name"] = v.Name;
        e["Note"] = v.Note;
        e["ApplyReason"] = v.ApplyReason;
        e["Currency"] = v.Currency.Code;
        SetMoney(e, "Amount", v.Amount);
        SetMoney(e, "Balance", v.Balance);
        SetMoney(e, "Withdrawn", v.WithdrawnAmount);
        SetScope(e, v.ProductScope);
        e["PaymentModeScope"] = v.PaymentModeScope.ToString();
        e["FrozenBlocklist"] = ToJson(v.FrozenBlocklist);
        SetTime(e, "IssuedAt", v.IssuedAt);
        SetTime(e, "EffectiveFrom", v.EffectiveFrom);
        SetTime(e, "ExpiresAt", v.ExpiresAt);
        e["Status"] = v.Status.ToString();
        SetTime(e, "StatusChangedAt", v.StatusChangedAt);
        e[UsageByMonth] = v.UsageByMonth is null ? null : ToJson(v.UsageByMonth.Months.Select(m => new MonthRow(m.Month, m.UsedMinor, m.LastBillTime)));
        SetTime(e, "ExpiryNoticeAt", v.ExpiryNoticeAt);
        return e;
    }

    public static Voucher FromEntity(TableEntity e)
    {
        var currency = GetCurrency(e);
        return new Voucher
        {
            VoucherId = GetString(e, "VoucherId"),
            NumericId = e.GetInt64(VoucherNumbering.Property),
            PartnerId = GetString(e, "PartnerId"),
            Type = GetEnum<VoucherType>(e, "Type"),
            Purpose = GetEnum<VoucherPurpose>(e, "Purpose"),
            FundingParty = GetEnum<FundingParty>(e, "FundingParty"),
            DistributorId = e.GetString("DistributorId"),
            CustomerUin = e.GetString("CustomerUin"),
            TemplateId = e.GetString("TemplateId"),
            ApplicationId = e.GetString("ApplicationId"),
            AssociatedVoucherId = e.GetString("AssociatedVoucherId"),
            Name = GetString(e, "Name"),
            Note = e.GetString("Note"),
            ApplyReason = e.GetString("ApplyReason"),
            Amount = GetMoney(e, "Amount", currency),
            Balance = GetMoney(e, "Balance", currency),
            WithdrawnAmount = GetMoney(e, "Withdrawn", currency),
            ProductScope = GetScope(e),
            PaymentModeScope = GetEnum<PaymentModeScope>(e, "PaymentModeScope"),
            FrozenBlocklist = GetProductSet(e, "FrozenBlocklist"),
            IssuedAt = GetTime(e, "IssuedAt"),
            EffectiveFrom = GetTime(e, "EffectiveFrom"),
            ExpiresAt = GetTime(e, "ExpiresAt"),
            Status = GetEnum<VoucherStatus>(e, "Status"),
            StatusChangedAt = GetTime(e, "StatusChangedAt"),
            UsageByMonth = e.GetString(UsageByMonth) is null ? null : MonthlyUsage.Of(FromJson<MonthRow[]>(e, UsageByMonth).Select(m => new MonthlyUsage.Entry(m.M, m.U, m.T.ToUniversalTime()))),
            ExpiryNoticeAt = GetTimeOrNull(e, "ExpiryNoticeAt"),
        };
    }

    /// <summary>The voucher's usage per month (JSON); a row written before it was kept has none (null: its usage rows tell).</summary>
    public const string UsageByMonth = "UsageByMonth";

    /// <summary>One month of <see cref="UsageByMonth"/>: month, minor units used, latest bill time.</summary>
    private sealed record MonthRow(string M, long U, DateTimeOffset T);

    /// <summary>The voucher with its version: the ETag tagged with the life range of the row (see <see cref="VoucherKeys.Version"/>).</summary>
    public static Versioned<Voucher> Versioned(TableEntity e)
    {
        var voucher = FromEntity(e);
        return new(voucher, VoucherKeys.Version(VoucherKeys.LifeOf(voucher.Status), e.ETag.ToString()));
    }
}
