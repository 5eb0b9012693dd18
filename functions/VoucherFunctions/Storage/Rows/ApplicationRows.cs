using Azure.Data.Tables;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>An application row: PK = applying partner, RK = "app|{id}"; UINs and timeline as JSON.</summary>
internal static class ApplicationRows
{
    public const string Kind = "application";

    public static TableEntity ToEntity(VoucherApplication a)
    {
        var e = New(Keys.Partner(a.PartnerId), Keys.Application(a.ApplicationId), Kind);
        e["ApplicationId"] = a.ApplicationId;
        e["PartnerId"] = a.PartnerId;
        e["SecondLevelResellerId"] = a.SecondLevelResellerId;
        e["TemplateId"] = a.TemplateId;
        e["CustomerUins"] = ToJson(a.CustomerUins);
        e["Currency"] = a.Amount.Currency.Code;
        SetMoney(e, "Amount", a.Amount);
        e["Acknowledged"] = a.Acknowledged;
        e["ApplyReason"] = a.ApplyReason;
        e["VoucherName"] = a.VoucherName;
        SetScope(e, a.ProductScope);
        e["PaymentModeScope"] = a.PaymentModeScope.ToString();
        ValidityRows.Set(e, a.Validity);
        e["Status"] = a.Status.ToString();
        SetTime(e, "SubmittedAt", a.SubmittedAt);
        SetTime(e, "OverdueAt", a.OverdueAt);
        SetTime(e, "DecidedAt", a.DecidedAt);
        e["DecidedBy"] = a.DecidedBy;
        e["RejectReason"] = a.RejectReason;
        e["ApprovedBlocklist"] = a.ApprovedBlocklist is null ? null : ToJson(a.ApprovedBlocklist);
        e["Timeline"] = ToJson(a.Timeline.Select(t => new TimelineRow(t.Kind.ToString(), t.At.ToUniversalTime(), t.Actor, t.Detail)).ToArray());
        return e;
    }

    public static VoucherApplication FromEntity(TableEntity e) => new()
    {
        ApplicationId = GetString(e, "ApplicationId"),
        PartnerId = GetString(e, "PartnerId"),
        SecondLevelResellerId = e.GetString("SecondLevelResellerId"),
        TemplateId = GetString(e, "TemplateId"),
        CustomerUins = FromJson<string[]>(e, "CustomerUins"),
        Amount = GetMoney(e, "Amount", GetCurrency(e)),
        Acknowledged = e.GetBoolean("Acknowledged") ?? false,
        ApplyReason = e.GetString("ApplyReason"),
        VoucherName = GetString(e, "VoucherName"),
        ProductScope = GetScope(e),
        PaymentModeScope = GetEnum<PaymentModeScope>(e, "PaymentModeScope"),
        Validity = ValidityRows.Get(e),
        Status = GetEnum<ApplicationStatus>(e, "Status"),
        SubmittedAt = GetTime(e, "SubmittedAt"),
        OverdueAt = GetTimeOrNull(e, "OverdueAt"),
        DecidedAt = GetTimeOrNull(e, "DecidedAt"),
        DecidedBy = e.GetString("DecidedBy"),
        RejectReason = e.GetString("RejectReason"),
        ApprovedBlocklist = e.GetString("ApprovedBlocklist") is null ? null : GetProductSet(e, "ApprovedBlocklist"),
        Timeline = FromJson<TimelineRow[]>(e, "Timeline")
            .Select(t => new ApplicationEvent(Enum.Parse<ApplicationEventKind>(t.Kind), t.At.ToUniversalTime(), t.Actor, t.Detail))
            .ToArray(),
    };

    public static Versioned<VoucherApplication> Versioned(TableEntity e) => new(FromEntity(e), e.ETag.ToString());

    /// <summary>The reviewer-queue index row: points at the application; holds nothing that can go stale but the pointer.</summary>
    public static TableEntity ReviewQueueEntity(VoucherApplication a)
    {
        var e = New(Keys.ReviewQueuePartition, Keys.ReviewQueueRow(a.SubmittedAt, a.PartnerId, a.ApplicationId), "reviewqueue");
        e["PartnerId"] = a.PartnerId;
        e["ApplicationId"] = a.ApplicationId;
        return e;
    }

    private sealed record TimelineRow(string Kind, DateTimeOffset At, string? Actor, string? Detail);
}
