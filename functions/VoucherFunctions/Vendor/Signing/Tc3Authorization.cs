namespace VoucherFunctions.Vendor.Signing;

/// <summary>
/// A parsed <c>Authorization: TC3-HMAC-SHA256 Credential=&lt;SecretId&gt;/&lt;date&gt;/&lt;service&gt;/tc3_request,
/// SignedHeaders=&lt;names&gt;, Signature=&lt;hex&gt;</c> header. The service is everything between the date and
/// the terminator: the Node SDK derives it from the endpoint (the text before its first dot), which for an
/// endpoint like <c>localhost:7071/api/vendor</c> contains slashes.
/// </summary>
public sealed record Tc3Authorization(string SecretId, string Date, string Service, string SignedHeaders, string Signature)
{
    public IReadOnlyList<string> SignedHeaderNames => SignedHeaders.Split(';');

    public static bool TryParse(string? header, out Tc3Authorization? authorization)
    {
        authorization = null;
        if (header is null || !header.StartsWith(Tc3Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header[(Tc3Signer.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3
            || !TryValue(parts[0], "Credential=", out var credential)
            || !TryValue(parts[1], "SignedHeaders=", out var signedHeaders)
            || !TryValue(parts[2], "Signature=", out var signature))
        {
            return false;
        }

        var segments = credential.Split('/');
        if (segments.Length < 4 || segments[^1] != Tc3Signer.Terminator || segments[0].Length == 0 || signedHeaders.Length == 0
            || signature.Length != 64 || !signature.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        authorization = new Tc3Authorization(segments[0], segments[1], string.Join('/', segments[2..^1]), signedHeaders, signature);
        return true;
    }

    private static bool TryValue(string part, string prefix, out string value)
    {
        value = part.StartsWith(prefix, StringComparison.Ordinal) ? part[prefix.Length..] : string.Empty;
        return value.Length > 0;
    }
}
