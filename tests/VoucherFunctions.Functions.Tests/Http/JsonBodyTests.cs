using System.Text;
using VoucherFunctions.Application.CustomerVouchers;
using VoucherFunctions.Application.Templates;
using VoucherFunctions.Http;

namespace VoucherFunctions.Functions.Tests.Http;

/// <summary>
/// How a body that does not fit its request type is refused: the code and field come from the exception's type
/// and JSON path (unknown property, wrong value, not JSON at all), at the top level, nested and in arrays.
/// </summary>
public sealed class JsonBodyTests
{
    public static TheoryData<string, string, string?> TemplateBodies() => new()
    {
        { """{"name":"x","colour":"red"}""", ApiErrorCodes.UnknownField, "colour" },
        { """{"productScope":{"kind":"allProducts","colour":"red"}}""", ApiErrorCodes.UnknownField, "productScope.colour" },
        { """{"validity":{"days":1,"weeks":2}}""", ApiErrorCodes.UnknownField, "validity.weeks" },
        { """{"we.ird":1}""", ApiErrorCodes.UnknownField, "['we.ird']" },
        { """{"name":5}""", ApiErrorCodes.FieldInvalid, "name" },
        { """{"family":"bogus"}""", ApiErrorCodes.FieldInvalid, "family" },
        { """{"validity":{"days":"one"}}""", ApiErrorCodes.FieldInvalid, "validity.days" },
        { """{"productScope":{"kind":"allowList","products":["cvm",7]}}""", ApiErrorCodes.FieldInvalid, "productScope.products[1]" },
        { """{"productScope":"allProducts"}""", ApiErrorCodes.FieldInvalid, "productScope" },
        { """{"defaultAmount":true}""", ApiErrorCodes.FieldInvalid, "defaultAmount" },
        { """{"name":"x",}""", ApiErrorCodes.MalformedJson, null },
        { """{"name":"x"} trailing""", ApiErrorCodes.MalformedJson, null },
        { """{"productScope":{"kind":"allProducts""", ApiErrorCodes.MalformedJson, null },
        { """{"name":'x'}""", ApiErrorCodes.MalformedJson, null },
        { """[{"name":"x"}]""", ApiErrorCodes.MalformedJson, null },
        { "\"text\"", ApiErrorCodes.MalformedJson, null },
        { "null", ApiErrorCodes.MalformedJson, null },
        { "", ApiErrorCodes.MalformedJson, null },
        { """{"name":"x"}{"name":"y"}""", ApiErrorCodes.MalformedJson, null },
    };

    [Theory]
    [MemberData(nameof(TemplateBodies))]
    public void A_template_body_is_refused_with_the_code_and_field_of_what_is_wrong(string body, string code, string? field)
    {
        var error = Assert.Throws<ApiException>(() => JsonBody.Parse<TemplateRequest>(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(400, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_wrong_value_inside_a_list_names_its_index_and_a_good_body_parses()
    {
        var error = Assert.Throws<ApiException>(() => JsonBody.Parse<IssueCustomerVouchersRequest>("""{"customerUins":["a",{"b":1}]}"""u8.ToArray()));
        var parsed = JsonBody.Parse<IssueCustomerVouchersRequest>("""{"templateId":"tpl-1","customerUins":["a","b"],"amount":12.50}"""u8.ToArray());

        Assert.Equal((ApiErrorCodes.FieldInvalid, "customerUins[1]"), (error.Code, error.Field));
        Assert.Equal(["a", "b"], parsed.CustomerUins);
        Assert.Equal("12.50", parsed.Amount);
    }
}
