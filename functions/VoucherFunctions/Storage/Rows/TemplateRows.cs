using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>A template row: PK = owning partner, RK = "tmpl|{id}".</summary>
internal static class TemplateRows
{
    public const string Kind = "template";

    public static TableEntity ToEntity(VoucherTemplate t)
    {
        var e = New(Keys.Partner(t.PartnerId), Keys.Template(t.TemplateId), Kind);
        e["TemplateId"] = t.TemplateId;
        e["PartnerId"] = t.PartnerId;
        e["Family"] = t.Family.ToString();
        e["Purpose"] = t.Purpose.ToString();
        e["Name"] = t.Name;
        e["Note"] = t.Note;
        e["Currency"] = t.Currency.Code;
        SetMoney(e, "DefaultAmount", t.DefaultAmount);
        SetScope(e, t.ProductScope);
        e["PaymentModeScope"] = t.PaymentModeScope.ToString();
        ValidityRows.Set(e, t.Validity);
        SetTime(e, "CreatedAt", t.CreatedAt);
        SetTime(e, "UpdatedAt", t.UpdatedAt);
        SetTime(e, "UsedAt", t.UsedAt);
        e["Locked"] = t.IsLocked;
        return e;
    }

    public static VoucherTemplate FromEntity(TableEntity e) => new()
    {
        TemplateId = GetString(e, "TemplateId"),
        PartnerId = GetString(e, "PartnerId"),
        Family = GetEnum<TemplateFamily>(e, "Family"),
        Purpose = GetEnum<VoucherPurpose>(e, "Purpose"),
        Name = GetString(e, "Name"),
        Note = e.GetString("Note"),
        DefaultAmount = GetMoney(e, "DefaultAmount", GetCurrency(e)),
        ProductScope = GetScope(e),
        PaymentModeScope = GetEnum<PaymentModeScope>(e, "PaymentModeScope"),
        Validity = ValidityRows.Get(e),
        CreatedAt = GetTime(e, "CreatedAt"),
        UpdatedAt = GetTime(e, "UpdatedAt"),
        UsedAt = GetTimeOrNull(e, "UsedAt"),
    };

    public static Versioned<VoucherTemplate> Versioned(TableEntity e) => new(FromEntity(e), e.ETag.ToString());
}

internal static class ValidityRows
{
    public static void Set(TableEntity e, Validity v)
    {
        e["ValidityKind"] = v.Kind.ToString();
        e["ValidityDays"] = v.Days;
        SetTime(e, "ValidityEnd", v.End);
    }

    public static Validity Get(TableEntity e) => GetEnum<ValidityKind>(e, "ValidityKind") switch
    {
        ValidityKind.DaysFromEffect => Validity.DaysFromEffect(e.GetInt32("ValidityDays") ?? throw new InvalidOperationException("ValidityDays missing.")),
        _ => Validity.AbsoluteEnd(GetTime(e, "ValidityEnd")),
    };
}
