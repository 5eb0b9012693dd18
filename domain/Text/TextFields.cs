namespace VoucherFunctions.Domain.Text;

using VoucherFunctions.Domain.Errors;

/// <summary>
/// Every free-text field of the product with its limit and code, in one place (the README lists them).
/// Names are one line; notes and reasons may span lines. The limits keep every stored value far below
/// Table Storage's 64 KiB per property and a voucher row below its 1 MiB.
/// </summary>
public static class TextFields
{
    public static readonly TextField TemplateName = new("template name", ErrorCodes.TemplateNameInvalid, 100, MultiLine: false);
    public static readonly TextField TemplateNote = new("template note", ErrorCodes.TemplateNoteInvalid, 1000, MultiLine: true);

    /// <summary>A Type I general voucher's name (Type II and III vouchers take their template's).</summary>
    public static readonly TextField VoucherName = new("voucher name", ErrorCodes.VoucherNameInvalid, 100, MultiLine: false);

    /// <summary>A Type I grant's note, or the note given when customer vouchers are issued.</summary>
    public static readonly TextField VoucherNote = new("voucher note", ErrorCodes.VoucherNoteInvalid, 1000, MultiLine: true);

    public static readonly TextField ApplyReason = new("apply reason", ErrorCodes.ApplicationApplyReasonInvalid, 1000, MultiLine: true);
    public static readonly TextField RejectReason = new("reject reason", ErrorCodes.ApplicationRejectReasonInvalid, 1000, MultiLine: true);
    public static readonly TextField CustomerName = new("customer name", ErrorCodes.CustomerNameInvalid, 200, MultiLine: false);
    public static readonly TextField ProductName = new("product name", ErrorCodes.ProductNameInvalid, 200, MultiLine: false);
    public static readonly TextField WebhookDescription = new("webhook description", ErrorCodes.WebhookDescriptionInvalid, 500, MultiLine: false);

    public static IReadOnlyList<TextField> All { get; } = [TemplateName, TemplateNote, VoucherName, VoucherNote, ApplyReason, RejectReason, CustomerName, ProductName, WebhookDescription];
}
