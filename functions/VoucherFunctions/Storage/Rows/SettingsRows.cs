using Azure.Data.Tables;
using VoucherFunctions.Domain.Deduction;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>The partner's settings row: PK = partner, RK = "settings".</summary>
internal static class SettingsRows
{
    public static TableEntity ToEntity(PartnerSettings s)
    {
        var e = New(Keys.Partner(s.PartnerId), Keys.SettingsRow, "settings");
        e["PartnerId"] = s.PartnerId;
        e["AssociatedVouchersDeductedFirst"] = s.AssociatedVouchersDeductedFirst;
        SetTime(e, "UpdatedAt", s.UpdatedAt);
        return e;
    }

    public static PartnerSettings FromEntity(TableEntity e) => new()
    {
        PartnerId = GetString(e, "PartnerId"),
        AssociatedVouchersDeductedFirst = e.GetBoolean("AssociatedVouchersDeductedFirst") ?? true,
        UpdatedAt = GetTimeOrNull(e, "UpdatedAt"),
    };
}
