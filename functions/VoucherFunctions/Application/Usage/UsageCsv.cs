using System.Globalization;
using System.Text;

namespace VoucherFunctions.Application.Usage;

/// <summary>Usage records as RFC 4180 CSV: a header row, one row per usage record, CRLF line ends, fields quoted when they hold a comma, quote or line break.</summary>
public static class UsageCsv
{
    public static readonly string[] Header =
        ["voucherId", "billId", "lineId", "productCode", "subProductCode", "paymentMode", "amount", "currency", "billTime", "appliedAt", "payerKind", "payerId", "customerUin"];

    public static string Write(IEnumerable<UsageDto> rows)
    {
        var text = new StringBuilder();
        Line(text, Header);
        foreach (var u in rows)
        {
            Line(text,
            [
                u.VoucherId, u.BillId, u.LineId, u.ProductCode, u.SubProductCode ?? "", Camel(u.PaymentMode.ToString()), u.Amount, u.Currency,
                u.BillTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                u.AppliedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                Camel(u.PayerKind.ToString()), u.PayerId, u.CustomerUin,
            ]);
        }

        return text.ToString();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Line(StringBuilder text, IEnumerable<string> fields) => text.Append(string.Join(',', fields.Select(Field))).Append("\r\n");

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
