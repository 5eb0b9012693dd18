using System.ComponentModel;
using System.Text.Json;
using VoucherFunctions.Billing;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Bills;

/// <summary>Options of an explain request: what to change before explaining.</summary>
public sealed record ExplainSettingsDto
{
    [Description("Explain as if the partner's switch \"associated partner and customer vouchers deducted first\" were this (what if it were off). Leave out for the partner's current setting.")]
    public bool? AssociatedFirst { get; init; }
}

/// <summary>The body of <c>POST /api/bills/explain</c>: a bill in the v1 message format (README "Bills"), optionally with settings.</summary>
public sealed record BillExplainRequest : BillMessageV1
{
    public ExplainSettingsDto? Settings { get; init; }
}

/// <summary>What applying a bill would do now, or what it did when its id was already applied. Nothing is changed.</summary>
public sealed record BillExplanationDto
{
    public const string StatusExplained = "explained";
    public const string StatusAlreadyApplied = "alreadyApplied";

    [Description("explained: what applying the bill now would do (nothing was changed); alreadyApplied: the bill id was applied for this payer and storedOutcome is what it did.")]
    public required string Status { get; init; }

    public required string BillId { get; init; }

    public required PayerKind PayerKind { get; init; }

    public required string CustomerUin { get; init; }

    public required string Currency { get; init; }

    public required DateTimeOffset BillTime { get; init; }

    [Description("The switch \"associated vouchers deducted first\" the explanation used (partner view only).")]
    public bool? AssociatedFirst { get; init; }

    [Description("Where associatedFirst came from: partner (its current setting) or request (the settings in the body). Partner view only.")]
    public string? SettingsSource { get; init; }

    [Description("Per line, in the bill's order. Absent when alreadyApplied.")]
    public IReadOnlyList<LineExplanationDto>? Lines { get; init; }

    public string? TotalAmount { get; init; }

    public string? TotalAllocated { get; init; }

    public string? TotalRemainingPayable { get; init; }

    [Description("With alreadyApplied: the stored outcome, as GET /api/bills/{billId} answers it.")]
    public BillOutcomeMessage? StoredOutcome { get; init; }

    [Description("With alreadyApplied: false when the applied bill had other content; sending this one would be refused with bill.conflicting_duplicate and the stored outcome stands.")]
    public bool? SameContent { get; init; }
}

/// <summary>One line explained: every voucher of the payer is in allocations or in notUsed, once.</summary>
public sealed record LineExplanationDto(
    string LineId,
    string ProductCode,
    string? SubProductCode,
    PaymentMode PaymentMode,
    string Amount,
    [property: Description("In order of use.")] IReadOnlyList<ExplainedAllocationDto> Allocations,
    [property: Description("Every other voucher of the payer, by id, each with the one reason it pays nothing on this line.")] IReadOnlyList<NotUsedVoucherDto> NotUsed,
    string RemainingPayable);

/// <summary>One voucher paying part of a line.</summary>
public sealed record ExplainedAllocationDto(
    string VoucherId,
    [property: Description("Partner view only.")] VoucherType? Type,
    string Amount,
    [property: Description("The voucher's balance when it was chosen for this line.")] string BalanceBefore,
    [property: Description("The voucher used next on this line (absent for the last).")] string? PlacedBefore,
    [property: Description(BillExplanationWords.Rules)] string? Rule);

/// <summary>A voucher of the payer that pays nothing on a line, with its reason.</summary>
public sealed record NotUsedVoucherDto(
    string VoucherId,
    [property: Description("Partner view only.")] VoucherType? Type,
    [property: Description(BillExplanationWords.Reasons)] string Reason,
    [property: Description("With notNeeded: the line's last voucher used, which the order placed ahead of this one.")] string? OutrankedBy,
    [property: Description("With notNeeded: the rule that placed outrankedBy ahead. " + BillExplanationWords.Rules)] string? Rule);

/// <summary>The words of an explanation: the engine's reasons and order rules in camelCase, the spec's order of use.</summary>
public static class BillExplanationWords
{
    public const string Rules =
        "The first rule of the order of use that placed this voucher first: associatedFirst (the partner's switch: product-trial vouchers first), earlierExpiry, coversMore (can cover more of what remains of the line), smallerBalance, older, voucherId. A customer sees partnerPriority for associatedFirst.";

    public const string Reasons =
        "notYetEffective, expired, withdrawn, invalidated, exhausted (no balance left, also when used up by earlier lines of this bill), productOutOfScope, productBlocklisted (on the vendor blocklist frozen on the voucher), paymentModeOutOfScope, currencyMismatch, otherCustomer (e.g. another customer's Type II), wrongType (a type this payer's bill does not use), otherPartner; or notNeeded: eligible, but the line was paid by vouchers ahead of it.";

    public const string NotNeeded = "notNeeded";

    /// <summary>What a customer sees for the switch rule: that a voucher is a product trial is its partner's business.</summary>
    public const string PartnerPriority = "partnerPriority";

    public static string Of(Ineligibility reason) => JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());

    public static string Of(OrderRule rule, bool partnerView) =>
        rule == OrderRule.AssociatedFirst && !partnerView ? PartnerPriority : JsonNamingPolicy.CamelCase.ConvertName(rule.ToString());
}
