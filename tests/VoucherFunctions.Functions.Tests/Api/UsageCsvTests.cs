using VoucherFunctions.Application.Usage;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>The CSV cell rule on its own: RFC 4180 quoting, and OWASP's neutralisation of cells a spreadsheet would run as formulas.</summary>
public sealed class UsageCsvTests
{
    [Theory]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    public void A_cell_starting_with_a_formula_character_is_quoted_behind_an_apostrophe(string value, string written) =>
        Assert.Equal(written, UsageCsv.Field(value));

    [Theory]
    [InlineData("-5")]
    [InlineData("-0.00000001")]
    [InlineData("12.5")]
    [InlineData("cvm")]
    [InlineData("")]
    [InlineData("a=b")]
    public void Numbers_and_plain_text_are_written_as_they_are(string value) => Assert.Equal(value, UsageCsv.Field(value));

    [Theory]
    [InlineData("vm,gpu", "\"vm,gpu\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("a\nb", "\"a\nb\"")]
    public void Commas_quotes_and_line_breaks_are_quoted_as_rfc_4180_says(string value, string written) => Assert.Equal(written, UsageCsv.Field(value));
}
