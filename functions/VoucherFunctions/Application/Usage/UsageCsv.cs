using System.Globalization;
using System.Text;

namespace VoucherFunctions.Application.Usage;

/// <summary>
/// Usage records as RFC 4180 CSV: a header row, one row per usage record, CRLF line ends, fields quoted when they
/// hold a comma, quote or line break. Bill-supplied cells (bill, line and product ids) are text a spreadsheet might
/// run: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return is written the way
/// OWASP's CSV-injection guidance says, behind an apostrophe and in quotes (<c>=1+2</c> → <c>"'=1+2"</c>), so it
/// shows as text. A plain decimal number (<c>-5</c>, <c>-0.5</c>) cannot be a formula and stays as it is, readable
/// as a number.
/// </summary>
public static partial class UsageCsv
{
    public static readonly string[] Header =
        ["voucherId", "billId", "lineId", "productCode", "subProductCode", "paymentMode", "amount", "currency", "billTime", "appliedAt", "payerKind", "payerId", "customerUin"];

    public static string Write(IEnumerable<UsageDto> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, Header);
        foreach (var u in rows)
        {
            AppendRow(text,
            [
                u.VoucherId, u.BillId, u.LineId, u.ProductCode, u.SubProductCode ?? "", Camel(u.PaymentMode.ToString()), u.Amount, u.Currency,
                u.BillTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                u.AppliedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                Camel(u.PayerKind.ToString()), u.PayerId, u.CustomerUin,
            ]);
        }

        return text.ToString();
    }

    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') && !PlainNumber().IsMatch(value))
        {
            return "\"'" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^-?[0-9]+(\\.[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PlainNumber();

    /// <summary>One CSV record of <paramref name="fields"/>, each through <see cref="Field"/>, ended by CRLF (also for the reports' CSV).</summary>
    public static void AppendRow(StringBuilder text, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
    }

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
