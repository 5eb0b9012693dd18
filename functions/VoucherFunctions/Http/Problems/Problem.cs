using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace VoucherFunctions.Http;

/// <summary>
/// RFC 9457 problem details with the stable <c>code</c> extension (and the offending <c>field</c> when there is one).
/// <c>type</c> is a URN built from the code, so clients can branch on either.
/// </summary>
public sealed record Problem(string Type, string Title, int Status, string Detail, string Code, string? Field, string? Instance)
{
    public const string ContentType = "application/problem+json";

    public static Problem Of(int status, string code, string detail, string? field, HttpRequest? request) =>
        new($"urn:voucher-functions:problem:{code}", ReasonPhrases.GetReasonPhrase(status), status, detail, code, field, request?.Path.Value);

    public ApiResponse ToResponse() => new(Status, this, ContentType);
}
