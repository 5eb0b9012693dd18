using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace VoucherFunctions.Http;

/// <summary>
/// Storage versions on the wire as strong HTTP ETags: the opaque version, base64url-encoded and quoted.
/// An If-Match that is not one of ours cannot match anything, so it fails the precondition (412).
/// </summary>
public static class ETags
{
    public static string From(string version) => "\"" + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(version)) + "\"";

    public static string ToVersion(string ifMatch)
    {
        var value = ifMatch.Trim();
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"')
        {
            try
            {
                return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(value[1..^1]));
            }
            catch (FormatException)
            {
                // Not one of ours: falls through to the failed precondition.
            }
        }

        throw PreconditionFailed();
    }

    public static ApiException PreconditionFailed() =>
        new(StatusCodes.Status412PreconditionFailed, ApiErrorCodes.PreconditionFailed, "The resource has changed since the ETag in If-Match was read; get it again and retry.", "If-Match");
}
