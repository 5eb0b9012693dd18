using Microsoft.AspNetCore.Http;

namespace VoucherFunctions.Http;

/// <summary>
/// An error the HTTP layer or an application service reports to the caller as problem details:
/// a status, a stable <see cref="Code"/>, and optionally the request field it is about.
/// </summary>
public sealed class ApiException(int status, string code, string detail, string? field = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>The JSON property or query parameter the error is about, if any.</summary>
    public string? Field { get; } = field;

    public static ApiException Unauthenticated(string detail) => new(StatusCodes.Status401Unauthorized, ApiErrorCodes.Unauthenticated, detail);

    public static ApiException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, ApiErrorCodes.Forbidden, detail);

    /// <summary>Not found, and the answer for another partner's resource too, so existence never leaks.</summary>
    public static ApiException NotFound(string what) => new(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"No {what} with that id was found.");

    public static ApiException BadRequest(string code, string detail, string? field = null) => new(StatusCodes.Status400BadRequest, code, detail, field);

    public static ApiException Required(string field) => BadRequest(ApiErrorCodes.FieldRequired, $"'{field}' is required.", field);

    public static ApiException Invalid(string field, string detail) => BadRequest(ApiErrorCodes.FieldInvalid, detail, field);
}
