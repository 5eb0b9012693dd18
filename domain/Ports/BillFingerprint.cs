namespace VoucherFunctions.Domain.Ports;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VoucherFunctions.Domain.Deduction;

/// <summary>
/// A SHA-256 of a bill's content in a canonical, length-prefixed form (so no two different bills
/// share a text). Stored with the bill's outcome: a re-delivery with the same hash is a duplicate;
/// the same bill id with another hash is a conflicting bill and is refused.
/// </summary>
public static class BillFingerprint
{
    public static string Of(Bill bill)
    {
        ArgumentNullException.ThrowIfNull(bill);
        var text = new StringBuilder();
        Append(text, "v1");
        Append(text, bill.BillId);
        Append(text, bill.PartnerId);
        Append(text, bill.PayerKind.ToString());
        Append(text, bill.CustomerUin);
        Append(text, bill.Currency.Code);
        Append(text, bill.BillTime.UtcTicks.ToString(CultureInfo.InvariantCulture));
        foreach (var line in bill.Lines)
        {
            Append(text, line.LineId);
            Append(text, line.ProductCode);
            Append(text, line.SubProductCode ?? "\0");
            Append(text, line.PaymentMode.ToString());
            Append(text, line.Amount.MinorUnits.ToString(CultureInfo.InvariantCulture));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Append(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
}
