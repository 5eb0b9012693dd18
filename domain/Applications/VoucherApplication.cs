namespace VoucherFunctions.Domain.Applications;

using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// A partner's application for Type II (product-trial) vouchers, and its review. Immutable: each
/// transition returns a new instance with one more timeline event; a transition from anything but
/// PendingApproval is refused with <see cref="ErrorCodes.ApplicationNotPending"/>.
/// The template's voucher-shaping fields are copied at submission, so approval does not depend on
/// reading the template again (it is locked from submission on anyway).
/// </summary>
public sealed record VoucherApplication
{
    public required string ApplicationId { get; init; }

    /// <summary>The applying partner (for a second-level reseller's customers: the distributor).</summary>
    public required string PartnerId { get; init; }

    /// <summary>When a distributor applies for a second-level reseller's customers: that reseller. Its customer vouchers are then distributor-funded.</summary>
    public string? SecondLevelResellerId { get; init; }

    public required string TemplateId { get; init; }

    public required IReadOnlyList<string> CustomerUins { get; init; }

    public required Money Amount { get; init; }

    /// <summary>The partner's explicit acknowledgement of the terms; always true on a submitted application.</summary>
    public required bool Acknowledged { get; init; }

    public string? ApplyReason { get; init; }

    public required string VoucherName { get; init; }

    public required ProductScope ProductScope { get; init; }

    public required PaymentModeScope PaymentModeScope { get; init; }

    public required Validity Validity { get; init; }

    public required ApplicationStatus Status { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Set when the review SLA passed without a decision.</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    public bool IsOverdue => OverdueAt is not null;

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The reviewer (approve/reject) or the partner (cancel); null for expiry.</summary>
    public string? DecidedBy { get; init; }

    public string? RejectReason { get; init; }

    /// <summary>
    /// The vendor blocklist frozen at approval. The issuance fan-out runs after the decision (and may be
    /// retried much later); building every voucher from this snapshot keeps them all identical.
    /// </summary>
    public ProductSet? ApprovedBlocklist { get; init; }

    public required IReadOnlyList<ApplicationEvent> Timeline { get; init; }

    /// <summary>
    /// Validates and creates a pending application, and locks the template (both must be persisted).
    /// Customers must be the partner's own (or the second-level reseller's); more than one only if all
    /// are in organization mode; at most <see cref="ApplicationPolicy.MaxCustomers"/>.
    /// </summary>
    public static ApplicationSubmission Submit(
        string applicationId,
        string partnerId,
        VoucherTemplate template,
        IReadOnlyList<Customer> customers,
        Money amount,
        bool acknowledged,
        DateTimeOffset now,
        string? applyReason = null,
        string? secondLevelResellerId = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(amount);
        Ids.Validate(applicationId, "application id");
        Ids.Validate(partnerId, "partner id");
        if (secondLevelResellerId is not null)
        {
            Ids.Validate(secondLevelResellerId, "second-level reseller id");
        }

        Guard.That(template.Family == TemplateFamily.PartnerVoucher, ErrorCodes.TemplateWrongFamily, $"Template '{template.TemplateId}' is a {template.Family} template; Type II applications need a partner-voucher template.");
        Guard.That(template.PartnerId == partnerId, ErrorCodes.TemplateNotOwned, $"Template '{template.TemplateId}' belongs to another partner.");
        Guard.That(template.IsIssuable, ErrorCodes.TemplatePurposeNotAllowed, $"Template '{template.TemplateId}' can no longer be used.");
        Guard.That(acknowledged, ErrorCodes.ApplicationNotAcknowledged, "The application must be explicitly acknowledged.");
        Guard.That(customers.Count >= 1, ErrorCodes.ApplicationInvalid, "An application names at least one customer UIN.");
        Guard.That(customers.Count <= ApplicationPolicy.MaxCustomers, ErrorCodes.ApplicationTooManyCustomers, $"An application names at most {ApplicationPolicy.MaxCustomers} customer UINs.");
        Guard.That(customers.Select(c => c.Uin).Distinct(StringComparer.Ordinal).Count() == customers.Count, ErrorCodes.ApplicationInvalid, "A customer UIN appears twice in the application.");
        Guard.That(customers.Count == 1 || customers.All(c => c.OrganizationMode), ErrorCodes.ApplicationMultipleCustomersRequireOrganizationMode, "Several customer UINs in one application are allowed only in organization mode.");
        var owner = secondLevelResellerId ?? partnerId;
        foreach (var customer in customers)
        {
            Guard.That(customer.PartnerId == owner, ErrorCodes.CustomerNotOwned, $"Customer '{customer.Uin}' is not a customer of '{owner}'.");
        }

        amount.EnsureCurrency(template.Currency).EnsurePositive();
        applyReason = TextFields.ApplyReason.Optional(applyReason);

        var at = now.ToUniversalTime();
        var application = new VoucherApplication
        {
            ApplicationId = applicationId,
            PartnerId = partnerId,
            SecondLevelResellerId = secondLevelResellerId,
            TemplateId = template.TemplateId,
            CustomerUins = customers.Select(c => c.Uin).ToArray(),
            Amount = amount,
            Acknowledged = true,
            ApplyReason = applyReason,
            VoucherName = template.Name,
            ProductScope = template.ProductScope,
            PaymentModeScope = template.PaymentModeScope,
            Validity = template.Validity,
            Status = ApplicationStatus.PendingApproval,
            SubmittedAt = at,
            Timeline = [new ApplicationEvent(ApplicationEventKind.Submitted, at, partnerId)],
        };
        return new ApplicationSubmission(application, template.MarkUsed(at));
    }

    public bool IsPending => Status == ApplicationStatus.PendingApproval;

    /// <summary>When the review SLA runs out (3 business days after submission).</summary>
    public DateTimeOffset OverdueDueAt => ApplicationPolicy.OverdueAt(SubmittedAt);

    /// <summary>
    /// Marks a pending application overdue once the SLA has passed. Idempotent (a replayed
    /// orchestration step changes nothing); refused before the SLA runs out.
    /// </summary>
    public VoucherApplication MarkOverdue(DateTimeOffset now)
    {
        EnsurePending("mark overdue");
        if (IsOverdue)
        {
            return this;
        }

        var at = now.ToUniversalTime();
        Guard.That(at >= OverdueDueAt, ErrorCodes.ApplicationNotOverdueYet, $"Application '{ApplicationId}' is not overdue before {OverdueDueAt:O}.");
        return this with { OverdueAt = at, Timeline = Append(ApplicationEventKind.MarkedOverdue, at, null, $"No decision within {ApplicationPolicy.ReviewSlaBusinessDays} business days") };
    }

    /// <summary>
    /// Approves: the application becomes Approved and, per customer UIN, a Type II voucher effective at
    /// approval time with its associated Type III product-trial voucher (deterministic ids, frozen blocklist).
    /// </summary>
    public ApplicationApproval Approve(string reviewerId, DateTimeOffset now, ProductSet blocklist)
    {
        ArgumentNullException.ThrowIfNull(blocklist);
        EnsurePending("approve");
        Ids.Validate(reviewerId, "reviewer id");
        var at = now.ToUniversalTime();
        var approved = this with
        {
            Status = ApplicationStatus.Approved,
            DecidedAt = at,
            DecidedBy = reviewerId,
            ApprovedBlocklist = blocklist,
            Timeline = Append(ApplicationEventKind.Approved, at, reviewerId, null),
        };
        return new ApplicationApproval(approved, approved.TrialVoucherPairs());
    }

    /// <summary>The Type II / Type III pair of every customer of an approved application (deterministic ids).</summary>
    public IReadOnlyList<TrialVoucherPair> TrialVoucherPairs()
    {
        Guard.That(Status == ApplicationStatus.Approved && ApprovedBlocklist is not null, ErrorCodes.ApplicationInvalid, $"Application '{ApplicationId}' is {Status}; only an approved application has trial vouchers.");
        return CustomerUins.Select(uin => VoucherFactory.TrialPair(this, uin, ApprovedBlocklist!)).ToArray();
    }

    public VoucherApplication Reject(string reviewerId, string reason, DateTimeOffset now)
    {
        EnsurePending("reject");
        Ids.Validate(reviewerId, "reviewer id");
        Guard.That(!string.IsNullOrWhiteSpace(reason), ErrorCodes.ApplicationRejectReasonRequired, "A rejection needs a reason.");
        reason = TextFields.RejectReason.Required(reason);
        var at = now.ToUniversalTime();
        return this with
        {
            Status = ApplicationStatus.Rejected,
            DecidedAt = at,
            DecidedBy = reviewerId,
            RejectReason = reason,
            Timeline = Append(ApplicationEventKind.Rejected, at, reviewerId, reason),
        };
    }

    /// <summary>The partner withdraws its application from review.</summary>
    public VoucherApplication Cancel(string partnerId, DateTimeOffset now)
    {
        EnsurePending("cancel");
        Guard.That(partnerId == PartnerId, ErrorCodes.ApplicationInvalid, "Only the applying partner can cancel the review.");
        var at = now.ToUniversalTime();
        return this with { Status = ApplicationStatus.Cancelled, DecidedAt = at, DecidedBy = partnerId, Timeline = Append(ApplicationEventKind.Cancelled, at, partnerId, null) };
    }

    /// <summary>No decision before the hard expiry (the orchestration's timer decides when): nothing is issued.</summary>
    public VoucherApplication Expire(DateTimeOffset now)
    {
        EnsurePending("expire");
        var at = now.ToUniversalTime();
        return this with { Status = ApplicationStatus.Expired, DecidedAt = at, Timeline = Append(ApplicationEventKind.Expired, at, null, null) };
    }

    /// <summary>Records that the approval fan-out finished. Idempotent.</summary>
    public VoucherApplication RecordVouchersIssued(DateTimeOffset now)
    {
        Guard.That(Status == ApplicationStatus.Approved, ErrorCodes.ApplicationInvalid, $"Application '{ApplicationId}' is {Status}; vouchers are issued only for approved applications.");
        if (Timeline.Any(e => e.Kind == ApplicationEventKind.VouchersIssued))
        {
            return this;
        }

        return this with { Timeline = Append(ApplicationEventKind.VouchersIssued, now.ToUniversalTime(), null, $"{CustomerUins.Count} customer(s)") };
    }

    private void EnsurePending(string action) =>
        Guard.That(IsPending, ErrorCodes.ApplicationNotPending, $"Cannot {action} application '{ApplicationId}': it is {Status}, not PendingApproval.");

    private IReadOnlyList<ApplicationEvent> Append(ApplicationEventKind kind, DateTimeOffset at, string? actor, string? detail) =>
        [.. Timeline, new ApplicationEvent(kind, at, actor, detail)];
}
