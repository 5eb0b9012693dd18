namespace VoucherFunctions.Domain.Tests.Vouchers;

using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class IssuanceTests
{
    private static readonly ProductSet Blocklist = ProductSet.Of("mining");

    [Fact]
    public void Customer_discount_voucher_is_active_at_once_with_the_template_shape_and_a_frozen_blocklist()
    {
        var issuance = VoucherFactory.IssueCustomerDiscount("iss-1", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("20"), Blocklist, T0);
        var v = issuance.Voucher;

        Assert.Equal(VoucherType.TypeIII, v.Type);
        Assert.Equal(VoucherPurpose.CustomerDiscount, v.Purpose);
        Assert.Equal(FundingParty.Partner, v.FundingParty);
        Assert.Equal(CustomerUin, v.CustomerUin);
        Assert.Equal(TestMoney.Usd("20"), v.Amount);
        Assert.Equal(v.Amount, v.Balance);
        Assert.Equal(VoucherStatus.Active, v.Status);
        Assert.Equal(T0, v.EffectiveFrom);
        Assert.Equal(T0.AddDays(30), v.ExpiresAt);
        Assert.Equal(ProductScope.AllowList("cvm"), v.ProductScope);
        Assert.Equal(Blocklist, v.FrozenBlocklist);
        Assert.True(issuance.Template.IsLocked);
        Assert.Null(issuance.QuotaPool);
    }

    [Fact]
    public void Issuing_twice_with_the_same_issuance_id_gives_the_same_voucher_id()
    {
        var a = VoucherFactory.IssueCustomerDiscount("iss-1", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("20"), Blocklist, T0);
        var b = VoucherFactory.IssueCustomerDiscount("iss-1", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("20"), Blocklist, T0.AddSeconds(5));
        Assert.Equal(a.Voucher.VoucherId, b.Voucher.VoucherId);
    }

    [Theory]
    [InlineData(GroupModeRole.Administrator)]
    [InlineData(GroupModeRole.Member)]
    public void Customers_in_group_mode_cannot_receive_customer_vouchers(GroupModeRole role) =>
        Expect.Code(ErrorCodes.CustomerGroupModeNotSupported, () => VoucherFactory.IssueCustomerDiscount("iss", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(role: role), TestMoney.Usd("1"), Blocklist, T0));

    [Fact]
    public void Product_trial_customer_templates_cannot_issue()
    {
        var legacy = CustomerTemplate() with { Purpose = VoucherPurpose.ProductTrial };
        Expect.Code(ErrorCodes.TemplateProductTrialNotIssuable, () => VoucherFactory.IssueCustomerDiscount("iss", legacy, Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("1"), Blocklist, T0));
    }

    [Fact]
    public void Partner_templates_cannot_issue_customer_vouchers() =>
        Expect.Code(ErrorCodes.TemplateWrongFamily, () => VoucherFactory.IssueCustomerDiscount("iss", PartnerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("1"), Blocklist, T0));

    [Fact]
    public void Another_partners_template_or_customer_is_refused()
    {
        Expect.Code(ErrorCodes.TemplateNotOwned, () => VoucherFactory.IssueCustomerDiscount("iss", CustomerTemplate(), Issuer.Reseller("partner-2"), Customer(partnerId: "partner-2"), TestMoney.Usd("1"), Blocklist, T0));
        Expect.Code(ErrorCodes.CustomerNotOwned, () => VoucherFactory.IssueCustomerDiscount("iss", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(partnerId: "partner-2"), TestMoney.Usd("1"), Blocklist, T0));
    }

    [Fact]
    public void Issuance_amount_may_differ_from_the_template_but_not_in_currency_or_sign()
    {
        Assert.Equal(TestMoney.Usd("999"), VoucherFactory.IssueCustomerDiscount("iss", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("999"), Blocklist, T0).Voucher.Amount);
        Expect.Code(ErrorCodes.CurrencyMismatch, () => VoucherFactory.IssueCustomerDiscount("iss", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Cny("1"), Blocklist, T0));
        Expect.Code(ErrorCodes.MoneyNotPositive, () => VoucherFactory.IssueCustomerDiscount("iss", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("0"), Blocklist, T0));
    }

    [Fact]
    public void A_second_level_reseller_issues_within_its_quota_and_the_distributor_funds_it()
    {
        const string reseller = "reseller-2";
        var template = VoucherTemplate.Create("tpl-r", reseller, TemplateFamily.CustomerVoucher, CustomerTemplateContent(), T0);
        var pool = QuotaPool.Create("dist-1", reseller, TestMoney.UsdCurrency, T0).Adjust(TestMoney.Usd("30"), T0);
        var issuer = Issuer.SecondLevelReseller(reseller, "dist-1");

        var issuance = VoucherFactory.IssueCustomerDiscount("iss", template, issuer, Customer(partnerId: reseller), TestMoney.Usd("20"), Blocklist, T0, pool);

        Assert.Equal(FundingParty.Distributor, issuance.Voucher.FundingParty);
        Assert.Equal("dist-1", issuance.Voucher.DistributorId);
        Assert.Equal(TestMoney.Usd("10"), issuance.QuotaPool!.Remaining);
        Expect.Code(ErrorCodes.QuotaInsufficient, () => VoucherFactory.IssueCustomerDiscount("iss-2", template, issuer, Customer("100002", partnerId: reseller), TestMoney.Usd("10.01"), Blocklist, T0, issuance.QuotaPool));
        Expect.Code(ErrorCodes.QuotaInsufficient, () => VoucherFactory.IssueCustomerDiscount("iss-3", template, issuer, Customer(partnerId: reseller), TestMoney.Usd("1"), Blocklist, T0));
    }

    [Fact]
    public void Type_I_is_a_vendor_funded_general_voucher_effective_at_once()
    {
        var v = VoucherFactory.GrantGeneral("v1-a", PartnerId, "Compensation", TestMoney.Usd("500"), ProductScope.AllProducts, PaymentModeScope.Postpaid, Validity.AbsoluteEnd(T0.AddDays(90)), Blocklist, T0);

        Assert.Equal(VoucherType.TypeI, v.Type);
        Assert.Equal(VoucherPurpose.General, v.Purpose);
        Assert.Equal(FundingParty.Vendor, v.FundingParty);
        Assert.Null(v.CustomerUin);
        Assert.Equal(T0.AddDays(90), v.ExpiresAt);
    }

    [Fact]
    public void Derived_voucher_ids_are_valid_deterministic_and_distinct()
    {
        var longApplication = new string('a', 128);
        var ids = new[]
        {
            VoucherIds.PartnerTrial("app-1", "100001"),
            VoucherIds.CustomerTrial("app-1", "100001"),
            VoucherIds.CustomerDiscount("app-1", "100001"),
            VoucherIds.PartnerTrial(longApplication, "100001"),
            VoucherIds.PartnerTrial("a-b", "c"),
            VoucherIds.PartnerTrial("a", "b-c"),
        };

        Assert.Equal("v2-app-1-100001", ids[0]);
        Assert.Equal("v3-app-1-100001", ids[1]);
        Assert.All(ids, id => Assert.Equal(id, Ids.Validate(id)));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids[3], VoucherIds.PartnerTrial(longApplication, "100001"));
    }
}
