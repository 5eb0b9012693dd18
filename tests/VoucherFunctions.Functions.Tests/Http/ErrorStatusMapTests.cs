using System.Reflection;
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
}
