using VoucherFunctions.Application.Common;
using VoucherFunctions.Application.Templates;
using VoucherFunctions.Billing;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Reference;

/// <summary>
/// What the OpenAPI document says beyond the attributes: what each tag's operations are for, and example bodies.
/// The examples are real DTO instances, serialized as the API writes them, and the OpenAPI lint checks each one
/// against its schema.
/// </summary>
public static class ApiReferenceContent
{
    private static readonly DateTimeOffset Created = new(2025, 3, 10, 8, 30, 0, TimeSpan.Zero);

    public static IReadOnlyList<ApiTag> Tags { get; } =
    [
        new("API keys", "SecretId/SecretKey pairs a partner creates for the vendor-compatible API; a SecretKey is shown once, at creation."),
        new("Bills", "What the billing pipeline's bills (the `bills` queue) did: per line, which vouchers paid how much and what remains payable."),
        new("Catalogue", "The vendor's product catalogue and product blocklist that voucher scopes refer to."),
        new("Channel", "The vendor's channel managers: Type I general vouchers granted to partners."),
        new("Customer portal", "A customer's own vouchers and their usage, without the partner's private fields."),
        new("Customer vouchers", "Type III customer-discount vouchers a partner issues to its customers from a template, and their withdrawal."),
        new("Customers", "The partner's customers (by UIN), with group-mode role and organization mode."),
        new("Distribution", "Distributors' quota pools that fund their second-level resellers' customer vouchers."),
        new("Partner vouchers", "The partner's own Type I and Type II vouchers, their balances and associated customer vouchers."),
        new("Reference", "This document."),
        new("Reviews", "The vendor reviewers' queue of Type II applications: approve or reject."),
        new("Session", "Who the token says the caller is."),
        new("Settings", "The partner's deduction settings."),
        new("Templates", "Partner-voucher and customer-voucher templates: the content vouchers are issued from, editable until first used."),
        new("Trial voucher applications", "Applications for vendor-funded Type II trial vouchers: submit, follow the timeline, cancel the review."),
        new("Usage", "What each bill line took from a voucher, by month, as JSON or CSV."),
        new("Vendor API", "The vendor-compatible API (TC3-HMAC-SHA256 signed actions) for partners' existing SDK clients."),
    ];

    public static IReadOnlyList<ApiExample> Examples { get; } =
    [
        new(typeof(TemplateRequest), new TemplateRequest(
            TemplateFamily.CustomerVoucher, "Spring discount", "For new customers", null, "100", "USD",
            new ProductScopeDto(ProductScopeKind.AllowList, ["cvm", "cbs"]), PaymentModeScope.All, new ValidityDto(30, null))),
        new(typeof(TemplateDto), new TemplateDto(
            "tpl-5d41402abc4b2a76b9719d91", TemplateFamily.CustomerVoucher, VoucherPurpose.CustomerDiscount, "Spring discount", "For new customers",
            "100", "USD", new ProductScopeDto(ProductScopeKind.AllowList, ["cbs", "cvm"]), PaymentModeScope.All, new ValidityDto(30, null),
            Locked: false, UsedAt: null, CreatedAt: Created, UpdatedAt: Created)),
        new(typeof(BillOutcomeMessage), new BillOutcomeMessage
        {
            Status = BillOutcomeMessage.StatusApplied,
            BillId = "2025-03-inv-000123",
            PartnerId = "p-acme",
            PayerKind = "customer",
            PayerId = "100004512",
            CustomerUin = "100004512",
            Currency = "USD",
            BillTime = Created,
            AppliedAt = Created.AddSeconds(2),
            ContentHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            TotalAmount = "15.75",
            TotalAllocated = "12.5",
            TotalRemainingPayable = "3.25",
            Lines =
            [
                new LineOutcomeMessage("1", "12.5", "12.5", "0", [new AllocationMessage("v3d-iss-7f3a-100004512", "12.5")]),
                new LineOutcomeMessage("2", "3.25", "0", "3.25", []),
            ],
        }),
    ];
}
