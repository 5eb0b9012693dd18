namespace VoucherFunctions.Domain.Errors;

/// <summary>
/// Every stable error code the domain can raise, in one place so the HTTP layer can map them to
/// problem details (status and title) without string-matching messages. Codes never change meaning;
/// add new ones rather than reusing old ones.
/// </summary>
public static class ErrorCodes
{
    // Identifiers (used in storage keys).
    public const string IdInvalid = "id.invalid";

    // Money.
    public const string CurrencyInvalid = "money.currency_invalid";
    public const string MoneyMalformed = "money.malformed";
    public const string MoneyTooManyFractionDigits = "money.too_many_fraction_digits";
    public const string MoneyOverflow = "money.overflow";
    public const string MoneyNotPositive = "money.not_positive";
    public const string MoneyNegative = "money.negative";
    public const string CurrencyMismatch = "money.currency_mismatch";

    // Vendor catalogue.
    public const string ProductNameInvalid = "product.name_invalid";

    // Scopes.
    public const string ProductScopeInvalid = "scope.product_scope_invalid";

    // Templates.
    public const string TemplateInvalid = "template.invalid";
    public const string TemplateNameInvalid = "template.name_invalid";
    public const string TemplateNoteInvalid = "template.note_invalid";
    public const string TemplateLocked = "template.locked";
    public const string TemplateWrongFamily = "template.wrong_family";
    public const string TemplatePurposeNotAllowed = "template.purpose_not_allowed";
    public const string TemplateProductTrialNotIssuable = "template.product_trial_not_issuable";
    public const string TemplateNotOwned = "template.not_owned";
    public const string ValidityInvalid = "template.validity_invalid";
    public const string ValidityAlreadyEnded = "template.validity_already_ended";

    // Vouchers.
    public const string VoucherInvalid = "voucher.invalid";
    public const string VoucherNameInvalid = "voucher.name_invalid";
    public const string VoucherNoteInvalid = "voucher.note_invalid";
    public const string VoucherNotWithdrawable = "voucher.not_withdrawable";
    public const string VoucherProductTrialNotWithdrawable = "voucher.product_trial_not_withdrawable";
    public const string VoucherNotInvalidatable = "voucher.not_invalidatable";
    public const string VoucherNotUsable = "voucher.not_usable";
    public const string VoucherInsufficientBalance = "voucher.insufficient_balance";
    public const string VoucherNotAssociated = "voucher.not_associated";

    // Customers and issuance.
    public const string CustomerGroupModeNotSupported = "customer.group_mode_not_supported";
    public const string CustomerNotOwned = "customer.not_owned";
    public const string CustomerNameInvalid = "customer.name_invalid";
    public const string IssuanceNotAllowed = "issuance.not_allowed";

    // Type II applications.
    public const string ApplicationInvalid = "application.invalid";
    public const string ApplicationNotAcknowledged = "application.not_acknowledged";
    public const string ApplicationTooManyCustomers = "application.too_many_customers";
    public const string ApplicationMultipleCustomersRequireOrganizationMode = "application.multiple_customers_require_organization_mode";
    public const string ApplicationNotPending = "application.not_pending";
    public const string ApplicationNotOverdueYet = "application.not_overdue_yet";
    public const string ApplicationRejectReasonRequired = "application.reject_reason_required";
    public const string ApplicationApplyReasonInvalid = "application.apply_reason_invalid";
    public const string ApplicationRejectReasonInvalid = "application.reject_reason_invalid";

    // Distribution (quota pools).
    public const string QuotaInvalid = "quota.invalid";
    public const string QuotaBelowIssued = "quota.below_issued";
    public const string QuotaInsufficient = "quota.insufficient";

    // Bills and deduction.
    public const string BillInvalid = "bill.invalid";
    public const string DeductionDuplicateVoucher = "deduction.duplicate_voucher";

    /// <summary>The same bill id (per payer) arrived with different content; the first one stays applied.</summary>
    public const string BillConflictingDuplicate = "bill.conflicting_duplicate";

    /// <summary>The bill's effects do not fit in one atomic write (100 storage operations); nothing was applied.</summary>
    public const string BillTooLarge = "bill.too_large";

    // Idempotency keys and paging (storage ports).
    public const string IdempotencyKeyReused = "idempotency.key_reused";
    public const string PageSizeInvalid = "page.size_invalid";
    public const string PageTokenInvalid = "page.token_invalid";
    public const string CommitTooLarge = "commit.too_large";

    // Time.
    public const string BusinessDaysInvalid = "time.business_days_invalid";

    // Webhooks.
    public const string WebhookUrlInvalid = "webhook.url_invalid";

    /// <summary>The URL's host is (or resolves to) an address webhooks may not reach: loopback, private, link-local, metadata.</summary>
    public const string WebhookUrlRefused = "webhook.url_refused";
    public const string WebhookEventTypesInvalid = "webhook.event_types_invalid";
    public const string WebhookDescriptionInvalid = "webhook.description_invalid";
    public const string WebhookLimitReached = "webhook.limit_reached";
}
