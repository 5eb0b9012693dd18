using VoucherFunctions.Application.Common;

namespace VoucherFunctions.Http;

/// <summary>
/// Stable codes of the errors the HTTP layer raises: its own, and those of the use cases' refusals (<see cref="UseCaseErrorCodes"/>)
/// under the same names. The domain's are in <c>ErrorCodes</c>.
/// </summary>
public static class ApiErrorCodes
{
    public const string Unauthenticated = "auth.unauthenticated";
    public const string Forbidden = UseCaseErrorCodes.Forbidden;
    public const string NotFound = UseCaseErrorCodes.NotFound;
    public const string MalformedJson = "request.malformed_json";
    public const string FieldRequired = UseCaseErrorCodes.FieldRequired;
    public const string FieldInvalid = UseCaseErrorCodes.FieldInvalid;
    public const string UnknownField = "request.unknown_field";
    public const string QueryInvalid = UseCaseErrorCodes.QueryInvalid;
    public const string UnknownQueryParameter = "request.unknown_query_parameter";
    public const string TooLarge = "request.too_large";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string TooManyCustomers = UseCaseErrorCodes.TooManyCustomers;
    public const string IdempotencyKeyRequired = "idempotency.key_required";
    public const string IdempotencyKeyInvalid = "idempotency.key_invalid";
    public const string IdempotencyInProgress = "idempotency.in_progress";
    public const string PreconditionRequired = "precondition.required";
    public const string PreconditionFailed = UseCaseErrorCodes.PreconditionFailed;
    public const string ConcurrencyConflict = UseCaseErrorCodes.ConcurrencyConflict;
    public const string AlreadyExists = UseCaseErrorCodes.AlreadyExists;
    public const string ServerError = "server.error";
}
