namespace VoucherFunctions.Domain.Vouchers;

using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Text;

/// <summary>
/// The only way vouchers come into being. Each method applies the issuing rules and freezes the
/// vendor blocklist passed in (the list as of the moment the voucher takes effect).
/// </summary>
public static class VoucherFactory
{
    /// <summary>A Type I voucher granted by a channel manager to a partner: vendor-funded, no approval, effective at once.</summary>
    public static Voucher GrantGeneral(
        string voucherId,
        string partnerId,
        string name,
        Money amount,
        ProductScope productScope,
        PaymentModeScope paymentModeScope,
        Validity validity,
        ProductSet blocklist,
        DateTimeOffset now,
        string? note = null)
    {
        ArgumentNullException.ThrowIfNull(amount);
        ArgumentNullException.ThrowIfNull(productScope);
        ArgumentNullException.ThrowIfNull(validity);
        ArgumentNullException.ThrowIfNull(blocklist);
        amount.EnsurePositive();
        var validName = TextFields.VoucherName.Required(name);
        var validNote = TextFields.VoucherNote.Optional(note);
        var at = now.ToUniversalTime();
        return new Voucher
        {
            VoucherId = Ids.Validate(voucherId, "voucher id"),
            PartnerId = Ids.Validate(partnerId, "partner id"),
            Type = VoucherType.TypeI,
            Purpose = VoucherPurpose.General,
            FundingParty = FundingParty.Vendor,
            Name = validName,
            Note = validNote,
            Amount = amount,
            Balance = amount,
            WithdrawnAmount = Money.Zero(amount.Currency),
            ProductScope = productScope,
            PaymentModeScope = paymentModeScope,
            FrozenBlocklist = blocklist,
            IssuedAt = at,
            EffectiveFrom = at,
            ExpiresAt = validity.ExpiryFor(at),
            Status = VoucherStatus.Active,
            StatusChangedAt = at,
        };
    }

    /// <summary>
    /// The Type II voucher and associated Type III for one customer of an approved application.
    /// Deterministic in (application, UIN, blocklist): a retried fan-out rebuilds the same vouchers
    /// with the same ids. Both take effect at the approval time and share amount, scope and validity.
    /// </summary>
    public static TrialVoucherPair TrialPair(VoucherApplication application, string customerUin, ProductSet blocklist)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(blocklist);
        Guard.That(application.Status == ApplicationStatus.Approved && application.DecidedAt is not null, ErrorCodes.ApplicationInvalid, $"Application '{application.ApplicationId}' is not approved.");
        Guard.That(application.CustomerUins.Contains(customerUin, StringComparer.Ordinal), ErrorCodes.ApplicationInvalid, $"Customer '{customerUin}' is not named in application '{application.ApplicationId}'.");

        var effective = application.DecidedAt!.Value;
        var expires = application.Validity.ExpiryFor(effective);
        var partnerVoucherId = VoucherIds.PartnerTrial(application.ApplicationId, customerUin);
        var customerVoucherId = VoucherIds.CustomerTrial(application.ApplicationId, customerUin);
        var secondLevel = application.SecondLevelResellerId;

        var partnerVoucher = new Voucher
        {
            VoucherId = partnerVoucherId,
            PartnerId = application.PartnerId,
            Type = VoucherType.TypeII,
            Purpose = VoucherPurpose.ProductTrial,
            FundingParty = FundingParty.Vendor,
            CustomerUin = customerUin,
            TemplateId = application.TemplateId,
            ApplicationId = application.ApplicationId,
            AssociatedVoucherId = customerVoucherId,
            Name = application.VoucherName,
            ApplyReason = application.ApplyReason,
            Amount = application.Amount,
            Balance = application.Amount,
            WithdrawnAmount = Money.Zero(application.Amount.Currency),
            ProductScope = application.ProductScope,
            PaymentModeScope = application.PaymentModeScope,
            FrozenBlocklist = blocklist,
            IssuedAt = effective,
            EffectiveFrom = effective,
            ExpiresAt = expires,
            Status = VoucherStatus.Active,
            StatusChangedAt = effective,
        };

        // The customer voucher lives in the books of the partner the customer pays: for a
        // second-level reseller's customer that is the reseller, and its distributor bears the cost.
        var customerVoucher = partnerVoucher with
        {
            VoucherId = customerVoucherId,
            PartnerId = secondLevel ?? application.PartnerId,
            Type = VoucherType.TypeIII,
            FundingParty = secondLevel is null ? FundingParty.Partner : FundingParty.Distributor,
            DistributorId = secondLevel is null ? null : application.PartnerId,
            AssociatedVoucherId = partnerVoucherId,
            ApplyReason = null,
        };
        return new TrialVoucherPair(partnerVoucher, customerVoucher);
    }

    /// <summary>
    /// Direct issuance of a customer-discount Type III voucher to one customer. Refused for
    /// product-trial (or other non-customer) templates, for another partner's template or customer,
    /// and for customers in group mode. A second-level reseller issues within its quota pool, which
    /// must be given; its vouchers are funded by its distributor. Persist the voucher, the now-locked
    /// template and the updated pool together.
    /// </summary>
    public static CustomerVoucherIssuance IssueCustomerDiscount(
        string issuanceId,
        VoucherTemplate template,
        Issuer issuer,
        Customer customer,
        Money amount,
        ProductSet blocklist,
        DateTimeOffset now,
        QuotaPool? quotaPool = null,
        string? note = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(amount);
        ArgumentNullException.ThrowIfNull(blocklist);

        Guard.That(template.Family == TemplateFamily.CustomerVoucher, ErrorCodes.TemplateWrongFamily, $"Template '{template.TemplateId}' is a {template.Family} template; customer vouchers are issued from customer-voucher templates.");
        Guard.That(template.Purpose == VoucherPurpose.CustomerDiscount, ErrorCodes.TemplateProductTrialNotIssuable, $"Template '{template.TemplateId}' is for {template.Purpose}; only customer-discount vouchers can be issued directly (product-trial ones come from an approved partner voucher).");
        Guard.That(template.PartnerId == issuer.PartnerId, ErrorCodes.TemplateNotOwned, $"Template '{template.TemplateId}' belongs to another partner.");
        Guard.That(customer.PartnerId == issuer.PartnerId, ErrorCodes.CustomerNotOwned, $"Customer '{customer.Uin}' is not a customer of '{issuer.PartnerId}'.");
        Guard.That(!customer.IsInGroupMode, ErrorCodes.CustomerGroupModeNotSupported, $"Customer '{customer.Uin}' is a group {customer.GroupModeRole.ToString().ToLowerInvariant()} in group mode; customer vouchers cannot be issued to it.");
        amount.EnsureCurrency(template.Currency).EnsurePositive();

        QuotaPool? pool = null;
        if (issuer.Tier == PartnerTier.SecondLevelReseller)
        {
            Guard.That(quotaPool is not null, ErrorCodes.QuotaInsufficient, $"Second-level reseller '{issuer.PartnerId}' has no voucher quota pool.");
            Guard.That(quotaPool!.ResellerId == issuer.PartnerId && quotaPool.DistributorId == issuer.DistributorId, ErrorCodes.IssuanceNotAllowed, "The quota pool belongs to another reseller.");
            pool = quotaPool.Take(amount, now);
        }

        var at = now.ToUniversalTime();
        var voucher = new Voucher
        {
            VoucherId = VoucherIds.CustomerDiscount(issuanceId, customer.Uin),
            PartnerId = issuer.PartnerId,
            Type = VoucherType.TypeIII,
            Purpose = VoucherPurpose.CustomerDiscount,
            FundingParty = issuer.CustomerVoucherFunding,
            DistributorId = issuer.DistributorId,
            CustomerUin = customer.Uin,
            TemplateId = template.TemplateId,
            Name = template.Name,
            Note = TextFields.VoucherNote.Optional(note) ?? template.Note,
            Amount = amount,
            Balance = amount,
            WithdrawnAmount = Money.Zero(amount.Currency),
            ProductScope = template.ProductScope,
            PaymentModeScope = template.PaymentModeScope,
            FrozenBlocklist = blocklist,
            IssuedAt = at,
            EffectiveFrom = at,
            ExpiresAt = template.Validity.ExpiryFor(at),
            Status = VoucherStatus.Active,
            StatusChangedAt = at,
        };
        return new CustomerVoucherIssuance(voucher, template.MarkUsed(at), pool);
    }
}
