using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VoucherFunctions.Vendor.Signing;

/// <summary>
/// The vendor's request signature TC3-HMAC-SHA256, step by step as its SDKs compute it (the Node SDK's
/// <c>common/sign.js</c>): a canonical request (method, path, query, the signed headers as
/// <c>name:value\n</c>, the signed header names, the hex SHA-256 of the body), a string to sign (algorithm,
/// timestamp, credential scope <c>{date}/{service}/tc3_request</c>, the hex SHA-256 of the canonical request),
/// and an HMAC-SHA256 chain keyed with "TC3" + SecretKey over the date, the service and "tc3_request".
/// </summary>
public static class Tc3Signer
{
    public const string Algorithm = "TC3-HMAC-SHA256";
    public const string Terminator = "tc3_request";

    public static string CanonicalRequest(string method, string path, string query, IReadOnlyList<KeyValuePair<string, string>> signedHeaderValues, string signedHeaders, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signedHeaderValues);
        var headers = new StringBuilder();
        foreach (var (name, value) in signedHeaderValues)
        {
            headers.Append(name).Append(':').Append(value).Append('\n');
        }

        return string.Join('\n', method, path, query, headers.ToString(), signedHeaders, Hex(SHA256.HashData(body)));
    }

    public static string StringToSign(long timestamp, string date, string service, string canonicalRequest) =>
        string.Join('\n', Algorithm, timestamp.ToString(CultureInfo.InvariantCulture), $"{date}/{service}/{Terminator}", Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

    /// <summary>The lowercase hex signature of <paramref name="stringToSign"/>.</summary>
    public static string Signature(string secretKey, string date, string service, string stringToSign)
    {
        var kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
        var kService = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(service));
        var kSigning = HMACSHA256.HashData(kService, Encoding.UTF8.GetBytes(Terminator));
        return Hex(HMACSHA256.HashData(kSigning, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>The credential-scope date of a Unix timestamp: its UTC calendar day.</summary>
    public static string DateOf(long timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The whole Authorization header value the SDKs send.</summary>
    public static string AuthorizationHeader(string secretId, string date, string service, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={secretId}/{date}/{service}/{Terminator}, SignedHeaders={signedHeaders}, Signature={signature}";

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
