namespace VoucherFunctions.Domain.Tests.Templates;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class TemplateTests
{
    [Fact]
    public void A_new_template_is_editable()
    {
        var template = CustomerTemplate();
        var edited = template.Edit(CustomerTemplateContent("75") with { Name = "Bigger discount" }, T0.AddHours(1));

        Assert.False(template.IsLocked);
        Assert.Equal("Bigger discount", edited.Name);
        Assert.Equal(TestMoney.Usd("75"), edited.DefaultAmount);
        Assert.Equal(T0.AddHours(1), edited.UpdatedAt);
    }

    [Fact]
    public void Edit_is_refused_once_the_template_was_used()
    {
        var used = CustomerTemplate().MarkUsed(T0.AddHours(1));

        Assert.True(used.IsLocked);
        Expect.Code(ErrorCodes.TemplateLocked, () => used.Edit(CustomerTemplateContent("1"), T0.AddHours(2)));
    }

    [Fact]
    public void MarkUsed_keeps_the_first_use_time()
    {
        var used = CustomerTemplate().MarkUsed(T0.AddHours(1)).MarkUsed(T0.AddHours(5));
        Assert.Equal(T0.AddHours(1), used.UsedAt);
    }

    [Fact]
    public void Partner_templates_are_for_product_trial_and_customer_templates_for_customer_discount()
    {
        Expect.Code(ErrorCodes.TemplatePurposeNotAllowed, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.PartnerVoucher, PartnerTemplateContent() with { Purpose = VoucherPurpose.CustomerDiscount }, T0));
        Expect.Code(ErrorCodes.TemplatePurposeNotAllowed, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent() with { Purpose = VoucherPurpose.ProductTrial }, T0));
        Expect.Code(ErrorCodes.TemplatePurposeNotAllowed, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent() with { Purpose = VoucherPurpose.General }, T0));
    }

    [Fact]
    public void Template_content_is_validated()
    {
        Expect.Code(ErrorCodes.TemplateNameInvalid, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent() with { Name = " " }, T0));
        Expect.Code(ErrorCodes.MoneyNotPositive, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent("0"), T0));
        Expect.Code(ErrorCodes.IdInvalid, () => VoucherTemplate.Create("t/1", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent(), T0));
    }

    [Fact]
    public void Validity_in_days_counts_from_the_effect_time()
    {
        Assert.Equal(T0.AddDays(30), Validity.DaysFromEffect(30).ExpiryFor(T0));
        Expect.Code(ErrorCodes.ValidityInvalid, () => Validity.DaysFromEffect(0));
        Expect.Code(ErrorCodes.ValidityInvalid, () => Validity.DaysFromEffect(Validity.MaxDays + 1));
    }

    [Fact]
    public void Absolute_validity_ends_at_a_fixed_instant_that_must_be_after_the_effect_time()
    {
        var end = T0.AddDays(10);
        Assert.Equal(end, Validity.AbsoluteEnd(end).ExpiryFor(T0));
        Assert.Equal(end, Validity.AbsoluteEnd(end).ExpiryFor(T0.AddDays(5)));
        Expect.Code(ErrorCodes.ValidityAlreadyEnded, () => Validity.AbsoluteEnd(end).ExpiryFor(end));
    }

    [Fact]
    public void Legacy_product_trial_customer_templates_are_not_issuable()
    {
        var legacy = CustomerTemplate() with { Purpose = VoucherPurpose.ProductTrial };
        Assert.False(legacy.IsIssuable);
        Assert.True(PartnerTemplate().IsIssuable);
        Assert.Equal(ProductScope.AllowList("cvm"), CustomerTemplate().ProductScope);
    }
}
