using Microsoft.AspNetCore.Http;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Errors;

namespace VoucherFunctions.Http;

/// <summary>
/// The one table from domain error codes to HTTP statuses. 400: the request is malformed or a value is
/// invalid; 404: the thing is not there or belongs to someone else (never 403, so existence does not leak);
/// 409: the resource's state refuses the change; 422: a well-formed request a business rule refuses.
/// A test checks that every code in <see cref="ErrorCodes"/> has an entry.
/// </summary>
public static class ErrorStatusMap
{
    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        [ErrorCodes.IdInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.CurrencyInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.MoneyMalformed] = StatusCodes.Status400BadRequest,
        [ErrorCodes.MoneyTooManyFractionDigits] = StatusCodes.Status400BadRequest,
        [ErrorCodes.MoneyOverflow] = StatusCodes.Status400BadRequest,
        [ErrorCodes.MoneyNotPositive] = StatusCodes.Status400BadRequest,
        [ErrorCodes.MoneyNegative] = StatusCodes.Status400BadRequest,
        [ErrorCodes.CurrencyMismatch] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ProductScopeInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.ProductNameInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.TemplateInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.TemplateNameInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.TemplateNoteInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.TemplateLocked] = StatusCodes.Status409Conflict,
        [ErrorCodes.TemplateWrongFamily] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.TemplatePurposeNotAllowed] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.TemplateProductTrialNotIssuable] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.TemplateNotOwned] = StatusCodes.Status404NotFound,
        [ErrorCodes.ValidityInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.ValidityAlreadyEnded] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.VoucherInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.VoucherNameInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.VoucherNoteInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.VoucherNotWithdrawable] = StatusCodes.Status409Conflict,
        [ErrorCodes.VoucherProductTrialNotWithdrawable] = StatusCodes.Status409Conflict,
        [ErrorCodes.VoucherNotInvalidatable] = StatusCodes.Status409Conflict,
        [ErrorCodes.VoucherNotUsable] = StatusCodes.Status409Conflict,
        [ErrorCodes.VoucherInsufficientBalance] = StatusCodes.Status409Conflict,
        [ErrorCodes.VoucherNotAssociated] = StatusCodes.Status404NotFound,
        [ErrorCodes.CustomerGroupModeNotSupported] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.CustomerNotOwned] = StatusCodes.Status404NotFound,
        [ErrorCodes.CustomerNameInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.IssuanceNotAllowed] = StatusCodes.Status403Forbidden,
        [ErrorCodes.ApplicationInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.ApplicationNotAcknowledged] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ApplicationTooManyCustomers] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ApplicationMultipleCustomersRequireOrganizationMode] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.ApplicationNotPending] = StatusCodes.Status409Conflict,
        [ErrorCodes.ApplicationNotOverdueYet] = StatusCodes.Status409Conflict,
        [ErrorCodes.ApplicationRejectReasonRequired] = StatusCodes.Status400BadRequest,
        [ErrorCodes.ApplicationApplyReasonInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.ApplicationRejectReasonInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.QuotaInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.QuotaBelowIssued] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.QuotaInsufficient] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.BillInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.DeductionDuplicateVoucher] = StatusCodes.Status400BadRequest,
        [ErrorCodes.BillConflictingDuplicate] = StatusCodes.Status409Conflict,
        [ErrorCodes.BillTooLarge] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.IdempotencyKeyReused] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.PageSizeInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.PageTokenInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.CommitTooLarge] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.BusinessDaysInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.WebhookUrlInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.WebhookUrlRefused] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.WebhookEventTypesInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.WebhookDescriptionInvalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.WebhookLimitReached] = StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>Codes the table knows (for the completeness test).</summary>
    public static IReadOnlyCollection<string> KnownCodes => Statuses.Keys;

    /// <summary>The status for a use case's refusal: by its kind, and for a domain rule by its code.</summary>
    public static int StatusOf(UseCaseException refusal) => refusal.Kind switch
    {
        Failure.InvalidInput => StatusCodes.Status400BadRequest,
        Failure.NotFound => StatusCodes.Status404NotFound,
        Failure.Forbidden => StatusCodes.Status403Forbidden,
        Failure.Conflict => StatusCodes.Status409Conflict,
        Failure.StaleVersion => StatusCodes.Status412PreconditionFailed,
        Failure.KeyReused => StatusCodes.Status422UnprocessableEntity,
        _ => StatusOf(refusal.Code),
    };

    /// <summary>
    /// The field a refusal's problem names: its own, or for the kinds that are about a request header (the version the
    /// change is based on, the idempotency key), that header.
    /// </summary>
    public static string? FieldOf(UseCaseException refusal) => refusal.Field ?? refusal.Kind switch
    {
        Failure.StaleVersion => "If-Match",
        Failure.KeyReused => Idempotency.IdempotencyGate.HeaderName,
        _ => null,
    };

    /// <summary>The status for a domain code; an unknown (newly added) code is treated as a rule refusal.</summary>
    public static int StatusOf(string code) => Statuses.GetValueOrDefault(code, StatusCodes.Status422UnprocessableEntity);
}
