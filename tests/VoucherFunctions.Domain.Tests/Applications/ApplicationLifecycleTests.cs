namespace VoucherFunctions.Domain.Tests.Applications;

using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class ApplicationLifecycleTests
{
    private static readonly ProductSet Blocklist = ProductSet.Of("mining");

    private static VoucherApplication Pending(params Customer[] customers) =>
        VoucherApplication.Submit("app-1", PartnerId, PartnerTemplate(), customers.Length == 0 ? [Customer()] : customers, TestMoney.Usd("80"), acknowledged: true, T0, "trial of CVM").Application;

    [Fact]
    public void Submitting_creates_a_pending_application_and_locks_the_template()
    {
        var submission = VoucherApplication.Submit("app-1", PartnerId, PartnerTemplate(), [Customer()], TestMoney.Usd("80"), true, T0);

        Assert.Equal(ApplicationStatus.PendingApproval, submission.Application.Status);
        Assert.Equal(TestMoney.Usd("80"), submission.Application.Amount);
        Assert.Equal([CustomerUin], submission.Application.CustomerUins);
        Assert.Equal(ApplicationEventKind.Submitted, Assert.Single(submission.Application.Timeline).Kind);
        Assert.True(submission.Template.IsLocked);
    }

    [Fact]
    public void The_acknowledgement_is_required() =>
        Expect.Code(ErrorCodes.ApplicationNotAcknowledged, () => VoucherApplication.Submit("app-1", PartnerId, PartnerTemplate(), [Customer()], TestMoney.Usd("80"), false, T0));

    [Fact]
    public void Several_customers_only_in_organization_mode()
    {
        Expect.Code(ErrorCodes.ApplicationMultipleCustomersRequireOrganizationMode, () => Pending(Customer("1"), Customer("2")));
        Assert.Equal(2, Pending(Customer("1", organizationMode: true), Customer("2", organizationMode: true)).CustomerUins.Count);
    }

    [Fact]
    public void At_most_one_hundred_customers_and_no_duplicates()
    {
        var hundred = Enumerable.Range(1, 100).Select(i => Customer($"{i}", organizationMode: true)).ToArray();
        Assert.Equal(100, Pending(hundred).CustomerUins.Count);
        Expect.Code(ErrorCodes.ApplicationTooManyCustomers, () => Pending([.. hundred, Customer("101", organizationMode: true)]));
        Expect.Code(ErrorCodes.ApplicationInvalid, () => Pending(Customer("1", organizationMode: true), Customer("1", organizationMode: true)));
    }

    [Fact]
    public void Only_own_customers_and_own_partner_templates()
    {
        Expect.Code(ErrorCodes.CustomerNotOwned, () => Pending(Customer(partnerId: "partner-2")));
        Expect.Code(ErrorCodes.TemplateWrongFamily, () => VoucherApplication.Submit("app-1", PartnerId, CustomerTemplate(), [Customer()], TestMoney.Usd("1"), true, T0));
        Expect.Code(ErrorCodes.TemplateNotOwned, () => VoucherApplication.Submit("app-1", "partner-2", PartnerTemplate(), [Customer(partnerId: "partner-2")], TestMoney.Usd("1"), true, T0));
    }

    [Fact]
    public void Approval_issues_one_type_II_per_customer_effective_at_approval_with_its_associated_type_III()
    {
        var application = Pending(Customer("1", organizationMode: true), Customer("2", organizationMode: true));
        var approvedAt = T0.AddDays(2);

        var approval = application.Approve("reviewer-1", approvedAt, Blocklist);

        Assert.Equal(ApplicationStatus.Approved, approval.Application.Status);
        Assert.Equal("reviewer-1", approval.Application.DecidedBy);
        Assert.Equal(2, approval.Vouchers.Count);
        foreach (var (partnerVoucher, customerVoucher) in approval.Vouchers)
        {
            Assert.Equal(VoucherType.TypeII, partnerVoucher.Type);
            Assert.Equal(VoucherPurpose.ProductTrial, partnerVoucher.Purpose);
            Assert.Equal(FundingParty.Vendor, partnerVoucher.FundingParty);
            Assert.Equal(approvedAt, partnerVoucher.EffectiveFrom);
            Assert.Equal(approvedAt.AddDays(30), partnerVoucher.ExpiresAt);
            Assert.Equal(TestMoney.Usd("80"), partnerVoucher.Amount);
            Assert.Equal(Blocklist, partnerVoucher.FrozenBlocklist);
            Assert.Equal("trial of CVM", partnerVoucher.ApplyReason);

            Assert.Equal(VoucherType.TypeIII, customerVoucher.Type);
            Assert.Equal(VoucherPurpose.ProductTrial, customerVoucher.Purpose);
            Assert.Equal(FundingParty.Partner, customerVoucher.FundingParty);
            Assert.Equal(partnerVoucher.CustomerUin, customerVoucher.CustomerUin);
            Assert.Equal(partnerVoucher.Amount, customerVoucher.Amount);
            Assert.Equal(partnerVoucher.ProductScope, customerVoucher.ProductScope);
            Assert.Equal(partnerVoucher.ExpiresAt, customerVoucher.ExpiresAt);
            Assert.Equal(customerVoucher.VoucherId, partnerVoucher.AssociatedVoucherId);
            Assert.Equal(partnerVoucher.VoucherId, customerVoucher.AssociatedVoucherId);
            Assert.Null(customerVoucher.ApplyReason);
        }
    }

    [Fact]
    public void The_fan_out_is_idempotent_per_customer()
    {
        var approved = Pending().Approve("reviewer-1", T0.AddDays(1), Blocklist);
        var again = VoucherFactory.TrialPair(approved.Application, CustomerUin, Blocklist);
        Assert.Equal(approved.Vouchers[0], again);
        Assert.Equal("v2-app-1-100001", again.PartnerVoucher.VoucherId);
    }

    [Fact]
    public void An_approved_application_keeps_the_frozen_blocklist_and_rebuilds_the_same_voucher_pairs_from_it()
    {
        var approval = Pending(Customer("1", organizationMode: true), Customer("2", organizationMode: true)).Approve("reviewer-1", T0.AddDays(1), Blocklist);

        Assert.Equal(Blocklist, approval.Application.ApprovedBlocklist);
        Assert.Equal(approval.Vouchers, approval.Application.TrialVoucherPairs());
        Assert.All(approval.Application.TrialVoucherPairs(), pair => Assert.Equal(Blocklist, pair.CustomerVoucher.FrozenBlocklist));
    }

    [Fact]
    public void Only_an_approved_application_has_trial_voucher_pairs() =>
        Expect.Code(ErrorCodes.ApplicationInvalid, () => Pending().TrialVoucherPairs());

    [Fact]
    public void A_distributor_applying_for_a_second_level_resellers_customer_gets_distributor_funded_customer_vouchers()
    {
        var template = PartnerTemplate();
        var application = VoucherApplication.Submit("app-2", PartnerId, template, [Customer(partnerId: "reseller-2")], TestMoney.Usd("10"), true, T0, secondLevelResellerId: "reseller-2").Application;
        var pair = application.Approve("reviewer", T0.AddDays(1), Blocklist).Vouchers[0];

        Assert.Equal(PartnerId, pair.PartnerVoucher.PartnerId);
        Assert.Equal("reseller-2", pair.CustomerVoucher.PartnerId);
        Assert.Equal(FundingParty.Distributor, pair.CustomerVoucher.FundingParty);
        Assert.Equal(PartnerId, pair.CustomerVoucher.DistributorId);
    }

    [Fact]
    public void Reject_needs_a_reason_and_is_final()
    {
        var rejected = Pending().Reject("reviewer-1", "not eligible", T0.AddDays(1));

        Assert.Equal(ApplicationStatus.Rejected, rejected.Status);
        Assert.Equal("not eligible", rejected.RejectReason);
        Expect.Code(ErrorCodes.ApplicationRejectReasonRequired, () => Pending().Reject("reviewer-1", " ", T0));
        Expect.Code(ErrorCodes.ApplicationNotPending, () => rejected.Approve("reviewer-1", T0.AddDays(2), Blocklist));
    }

    [Fact]
    public void The_partner_may_cancel_while_pending()
    {
        var cancelled = Pending().Cancel(PartnerId, T0.AddHours(1));
        Assert.Equal(ApplicationStatus.Cancelled, cancelled.Status);
        Expect.Code(ErrorCodes.ApplicationNotPending, () => cancelled.Cancel(PartnerId, T0.AddHours(2)));
    }

    [Fact]
    public void Every_decision_requires_a_pending_application()
    {
        var approved = Pending().Approve("r", T0.AddDays(1), Blocklist).Application;
        Expect.Code(ErrorCodes.ApplicationNotPending, () => approved.Approve("r", T0.AddDays(1), Blocklist));
        Expect.Code(ErrorCodes.ApplicationNotPending, () => approved.Reject("r", "x", T0.AddDays(1)));
        Expect.Code(ErrorCodes.ApplicationNotPending, () => approved.Cancel(PartnerId, T0.AddDays(1)));
        Expect.Code(ErrorCodes.ApplicationNotPending, () => approved.Expire(T0.AddDays(40)));
        Expect.Code(ErrorCodes.ApplicationNotPending, () => approved.MarkOverdue(T0.AddDays(10)));
        Expect.Code(ErrorCodes.ApplicationNotPending, () => Pending().Expire(T0.AddDays(30)).Approve("r", T0.AddDays(31), Blocklist));
    }

    [Fact]
    public void Overdue_after_three_business_days_is_a_mark_not_a_decision()
    {
        // Submitted Monday 09:00 UTC: overdue from Thursday 09:00.
        var pending = Pending();
        Assert.Equal(T0.AddDays(3), pending.OverdueDueAt);
        Expect.Code(ErrorCodes.ApplicationNotOverdueYet, () => pending.MarkOverdue(T0.AddDays(3).AddTicks(-1)));

        var overdue = pending.MarkOverdue(T0.AddDays(3));
        Assert.True(overdue.IsOverdue);
        Assert.Equal(ApplicationStatus.PendingApproval, overdue.Status);
        Assert.Same(overdue, overdue.MarkOverdue(T0.AddDays(4)));
        Assert.Equal(ApplicationStatus.Approved, overdue.Approve("r", T0.AddDays(5), Blocklist).Application.Status);
    }

    [Fact]
    public void The_timeline_records_each_step_in_order()
    {
        var approved = Pending().MarkOverdue(T0.AddDays(3)).Approve("r", T0.AddDays(4), Blocklist).Application.RecordVouchersIssued(T0.AddDays(4));
        Assert.Equal(
            [ApplicationEventKind.Submitted, ApplicationEventKind.MarkedOverdue, ApplicationEventKind.Approved, ApplicationEventKind.VouchersIssued],
            approved.Timeline.Select(e => e.Kind));
        Assert.Same(approved, approved.RecordVouchersIssued(T0.AddDays(5)));
    }

    [Fact]
    public void Hard_expiry_defaults_to_thirty_days()
    {
        Assert.Equal(T0.AddDays(30), ApplicationPolicy.HardExpiryAt(T0));
        Assert.Equal(T0.AddDays(7), ApplicationPolicy.HardExpiryAt(T0, TimeSpan.FromDays(7)));
        var expired = Pending().Expire(T0.AddDays(30));
        Assert.Equal(ApplicationStatus.Expired, expired.Status);
    }
}

public class ApplicationPolicyTests
{
    [Fact]
    public void Second_level_resellers_do_not_apply_their_distributor_does()
    {
        ApplicationPolicy.EnsureMayApply(PartnerTier.Reseller);
        ApplicationPolicy.EnsureMayApply(PartnerTier.Distributor, "reseller-2");
        Expect.Code(ErrorCodes.IssuanceNotAllowed, () => ApplicationPolicy.EnsureMayApply(PartnerTier.SecondLevelReseller));
        Expect.Code(ErrorCodes.IssuanceNotAllowed, () => ApplicationPolicy.EnsureMayApply(PartnerTier.Reseller, "reseller-2"));
    }
}
