namespace VoucherFunctions.Domain.Vouchers;

using System.Security.Cryptography;
using System.Text;
using VoucherFunctions.Domain.Ids;

/// <summary>
/// Deterministic voucher ids. Issuing the same thing twice (a retried fan-out, a re-delivered
/// request) yields the same id, so storage's insert-if-absent makes issuance idempotent.
/// Readable form "{prefix}-{source}-{uin}", which is unambiguous because it is used only when the UIN
/// has no '-' (so the last '-' separates the UIN). Otherwise, or when it would exceed the id limit,
/// the tail is a hash of source and UIN (still deterministic, still a valid key).
/// </summary>
public static class VoucherIds
{
    /// <summary>Type II voucher approved from an application, one per customer.</summary>
    public static string PartnerTrial(string applicationId, string customerUin) => Derive("v2", applicationId, customerUin);

    /// <summary>The Type III product-trial voucher associated with <see cref="PartnerTrial"/>.</summary>
    public static string CustomerTrial(string applicationId, string customerUin) => Derive("v3", applicationId, customerUin);

    /// <summary>A customer-discount Type III from one issuance request (the caller's idempotency key), one per customer.</summary>
    public static string CustomerDiscount(string issuanceId, string customerUin) => Derive("v3d", issuanceId, customerUin);

    private static string Derive(string prefix, string sourceId, string customerUin)
    {
        Ids.Validate(sourceId, "source id");
        Ids.Validate(customerUin, "customer UIN");
        var readable = $"{prefix}-{sourceId}-{customerUin}";
        if (readable.Length <= Ids.MaxLength && !customerUin.Contains('-', StringComparison.Ordinal))
        {
            return readable;
        }

        // Length-prefix the source so ("a-b", "c") and ("a", "b-c") cannot collide.
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceId.Length}:{sourceId}|{customerUin}"));
        // "{prefix}x-" never starts a readable id, so the two forms cannot collide.
        return $"{prefix}x-{Convert.ToHexStringLower(bytes)}";
    }
}
