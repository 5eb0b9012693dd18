using System.Reflection;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Http;

namespace VoucherFunctions.Functions.Tests.Http;

public sealed class ErrorStatusMapTests
{
    [Fact]
    public void Every_domain_error_code_has_a_status()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        var missing = codes.Except(ErrorStatusMap.KnownCodes).ToList();

        Assert.True(missing.Count == 0, "No HTTP status for: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData(ErrorCodes.TemplateLocked, 409)]
    [InlineData(ErrorCodes.VoucherNotWithdrawable, 409)]
    [InlineData(ErrorCodes.CustomerNotOwned, 404)]
    [InlineData(ErrorCodes.TemplateNotOwned, 404)]
    [InlineData(ErrorCodes.MoneyTooManyFractionDigits, 400)]
    [InlineData(ErrorCodes.CustomerGroupModeNotSupported, 422)]
    public void Codes_map_to_the_statuses_of_their_kind(string code, int status) => Assert.Equal(status, ErrorStatusMap.StatusOf(code));

    [Theory]
    [InlineData(Failure.InvalidInput, 400, null)]
    [InlineData(Failure.NotFound, 404, null)]
    [InlineData(Failure.Forbidden, 403, null)]
    [InlineData(Failure.Conflict, 409, null)]
    [InlineData(Failure.StaleVersion, 412, "If-Match")]
    [InlineData(Failure.KeyReused, 422, "Idempotency-Key")]
    public void Each_kind_of_use_case_refusal_has_its_status_and_the_header_it_is_about(Failure kind, int status, string? field)
    {
        var refusal = new UseCaseException(kind, "some.code", "refused");

        Assert.Equal(status, ErrorStatusMap.StatusOf(refusal));
        Assert.Equal(field, ErrorStatusMap.FieldOf(refusal));
        Assert.Equal("customerUins", ErrorStatusMap.FieldOf(new UseCaseException(kind, "some.code", "refused", "customerUins")));
    }

    [Fact]
    public void A_refused_domain_rule_takes_the_status_of_its_code()
    {
        var refusal = UseCaseException.Rule(new DomainException(ErrorCodes.TemplateLocked, "locked"), "templateId");

        Assert.Equal(409, ErrorStatusMap.StatusOf(refusal));
        Assert.Equal(ErrorCodes.TemplateLocked, refusal.Code);
        Assert.Equal("templateId", ErrorStatusMap.FieldOf(refusal));
    }
}
