namespace VoucherFunctions.Domain.Tests.Text;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class TextFieldTests
{
    public static TheoryData<string> Fields()
    {
        var data = new TheoryData<string>();
        foreach (var field in TextFields.All)
        {
            data.Add(field.Name);
        }

        return data;
    }

    private static TextField Field(string name) => TextFields.All.Single(f => f.Name == name);

    [Fact]
    public void Every_field_has_its_own_code_and_a_limit_far_below_what_storage_takes()
    {
        Assert.Equal(TextFields.All.Count, TextFields.All.Select(f => f.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(TextFields.All, f => Assert.InRange(f.MaxLength, 1, 4000));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_value_may_have_the_limit_in_characters_after_trimming_but_not_one_more(string name)
    {
        var field = Field(name);

        Assert.Equal(field.MaxLength, field.Required("  " + new string('x', field.MaxLength) + "\u3000").Length);
        Expect.Code(field.Code, () => field.Required(new string('x', field.MaxLength + 1)));
        Expect.Code(field.Code, () => field.Optional(new string('x', 100_000)));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Blank_is_absent_for_optional_text_and_refused_for_required_text(string name)
    {
        var field = Field(name);

        Assert.Null(field.Optional(null));
        Assert.Null(field.Optional(" \t\r\n "));
        Expect.Code(field.Code, () => field.Required(null));
        Expect.Code(field.Code, () => field.Required("   "));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Control_characters_bidi_overrides_and_lone_surrogates_are_refused_everywhere(string name)
    {
        var field = Field(name);
        var refused = Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)
            .Where(c => !(field.MultiLine && c is '\n' or '\r' or '\t'))
            .Select(c => $"a{c}b")
            .Concat(["a\u202Eb", "a\u202Ab", "a\u2066b", "a\u2069b", "a\uD800b", "a\uDC00b", "a\uD83D"]);

        Assert.All(refused, value => Expect.Code(field.Code, () => field.Optional(value)));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Letters_of_any_script_emoji_and_marks_are_text(string name)
    {
        var field = Field(name);

        Assert.Equal("Ünïcødé 折扣 خصم 🎉 a\u200Db \u200E", field.Required("Ünïcødé 折扣 خصم 🎉 a\u200Db \u200E"));
    }

    [Fact]
    public void Notes_and_reasons_keep_line_breaks_and_tabs_names_refuse_them()
    {
        foreach (var field in TextFields.All)
        {
            var multiLine = field == TextFields.TemplateNote || field == TextFields.VoucherNote || field == TextFields.ApplyReason || field == TextFields.RejectReason;
            Assert.Equal(multiLine, field.MultiLine);
            if (multiLine)
            {
                Assert.Equal("one\r\ntwo\n\tthree", field.Required("one\r\ntwo\n\tthree"));
            }
            else
            {
                Expect.Code(field.Code, () => field.Required("one\ntwo"));
                Expect.Code(field.Code, () => field.Required("one\ttwo"));
            }
        }
    }

    [Property(MaxTest = 500)]
    public Property Any_string_is_either_refused_with_the_fields_code_or_kept_trimmed_within_the_limit(string? value, bool multiLine)
    {
        var field = multiLine ? TextFields.TemplateNote : TextFields.TemplateName;
        try
        {
            var kept = field.Optional(value);
            return (kept is null
                    ? string.IsNullOrWhiteSpace(value)
                    : kept == value!.Trim() && kept.Length <= field.MaxLength && field.IndexOfNonText(kept) < 0 && field.Optional(kept) == kept)
                .ToProperty();
        }
        catch (DomainException ex)
        {
            return (ex.Code == field.Code).ToProperty();
        }
    }

    [Fact]
    public void Each_entry_point_applies_its_fields_rule()
    {
        const string esc = "A\u001b[31mB";
        Expect.Code(ErrorCodes.TemplateNameInvalid, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent() with { Name = esc }, T0));
        Expect.Code(ErrorCodes.TemplateNoteInvalid, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent() with { Note = new string('n', 1001) }, T0));
        Expect.Code(ErrorCodes.TemplateNameInvalid, () => CustomerTemplate().Edit(CustomerTemplateContent() with { Name = "a\u0000" }, T0));
        Expect.Code(ErrorCodes.VoucherNameInvalid, () => Grant(name: new string('n', 100_000)));
        Expect.Code(ErrorCodes.VoucherNoteInvalid, () => Grant(note: esc));
        Expect.Code(ErrorCodes.VoucherNoteInvalid, () => VoucherFactory.IssueCustomerDiscount("iss", CustomerTemplate(), Issuer.Reseller(PartnerId), Customer(), TestMoney.Usd("1"), ProductSet.Empty, T0, note: new string('n', 40_000)));
        Expect.Code(ErrorCodes.ApplicationApplyReasonInvalid, () => VoucherApplication.Submit("app-1", PartnerId, PartnerTemplate(), [Customer()], TestMoney.Usd("80"), true, T0, esc));
        var pending = VoucherApplication.Submit("app-1", PartnerId, PartnerTemplate(), [Customer()], TestMoney.Usd("80"), true, T0).Application;
        Expect.Code(ErrorCodes.ApplicationRejectReasonInvalid, () => pending.Reject("reviewer-1", new string('r', 1001), T0));
        Expect.Code(ErrorCodes.ApplicationRejectReasonRequired, () => pending.Reject("reviewer-1", " ", T0));
        Assert.Equal("too early", pending.Reject("reviewer-1", "  too early\n", T0).RejectReason);
        Expect.Code(ErrorCodes.CustomerNameInvalid, () => VoucherFunctions.Domain.Customers.Customer.ValidName(esc));
    }

    [Fact]
    public void Kept_text_is_trimmed_at_every_entry_point()
    {
        Assert.Equal(("Spring", "first line\nsecond"), Pair(VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent() with { Name = " Spring ", Note = "\tfirst line\nsecond  " }, T0)));
        var v = Grant(name: " Launch ", note: "  ");
        Assert.Equal(("Launch", null), (v.Name, v.Note));
        Assert.Equal("why", VoucherApplication.Submit("app-1", PartnerId, PartnerTemplate(), [Customer()], TestMoney.Usd("80"), true, T0, " why ").Application.ApplyReason);
    }

    [Fact]
    public void A_template_whose_absolute_end_has_passed_is_refused_when_created_or_edited()
    {
        var ended = CustomerTemplateContent() with { Validity = Validity.AbsoluteEnd(T0) };

        Expect.Code(ErrorCodes.ValidityAlreadyEnded, () => VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, ended, T0));
        Expect.Code(ErrorCodes.ValidityAlreadyEnded, () => CustomerTemplate().Edit(ended, T0.AddDays(1)));
        Assert.NotNull(VoucherTemplate.Create("t", PartnerId, TemplateFamily.CustomerVoucher, ended, T0.AddTicks(-1)));
    }

    private static (string, string?) Pair(VoucherTemplate t) => (t.Name, t.Note);

    private static Voucher Grant(string name = "Launch credit", string? note = null) =>
        VoucherFactory.GrantGeneral("v1-a", PartnerId, name, TestMoney.Usd("500"), ProductScope.AllProducts, PaymentModeScope.All, Validity.DaysFromEffect(30), ProductSet.Empty, T0, note);
}
