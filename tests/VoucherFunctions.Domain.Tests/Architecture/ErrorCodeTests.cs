namespace VoucherFunctions.Domain.Tests.Architecture;

using System.Reflection;
using System.Text.RegularExpressions;
using VoucherFunctions.Domain.Errors;

public class ErrorCodeTests
{
    private static readonly string[] Codes = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Codes_are_unique() => Assert.Equal(Codes.Length, Codes.Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void Codes_read_area_dot_snake_case() =>
        Assert.All(Codes, code => Assert.Matches(new Regex("^[a-z]+\\.[a-z_]+$"), code));

    [Fact]
    public void The_documented_examples_exist()
    {
        Assert.Contains("money.too_many_fraction_digits", Codes);
        Assert.Contains("voucher.not_withdrawable", Codes);
        Assert.Contains("template.locked", Codes);
        Assert.Contains("application.not_pending", Codes);
    }
}
