using System.Security.Cryptography;
using System.Text;
using VoucherFunctions.Domain.Errors;

namespace VoucherFunctions.Storage;

/// <summary>
/// Opaque page tokens: base64url of "v1", a hash binding the token to the exact query (table, partition
/// and filter) it was minted for, and Azure's own continuation. A token replayed against another partner
/// or another filter is refused (<see cref="ErrorCodes.PageTokenInvalid"/>); even a forged one could not
/// widen a query, since the filter (with its partition) always comes from the server side.
/// </summary>
public static class ContinuationTokens
{
    private const string Version = "v1";

    public static string? Wrap(string? azureToken, string queryBinding) =>
        azureToken is null ? null : Base64Url(Encoding.UTF8.GetBytes($"{Version}\n{Bind(queryBinding)}\n{azureToken}"));

    public static string? Unwrap(string? token, string queryBinding)
    {
        if (token is null)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(FromBase64Url(token));
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        var parts = text.Split('\n', 3);
        if (parts.Length != 3 || parts[0] != Version || parts[1] != Bind(queryBinding) || parts[2].Length == 0)
        {
            throw Invalid();
        }

        return parts[2];
    }

    private static string Bind(string queryBinding) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(queryBinding)))[..32];

    private static DomainException Invalid() =>
        new(ErrorCodes.PageTokenInvalid, "The continuation token is malformed or belongs to another query.");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }
}
