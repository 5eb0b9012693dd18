namespace VoucherFunctions.Http;

/// <summary>Stable codes of the errors the HTTP layer itself raises (the domain's are in <c>ErrorCodes</c>).</summary>
public static class ApiErrorCodes
{
    public const string Unauthenticated = "auth.unauthenticated";
    public const string Forbidden = "auth.forbidden";
    public const string NotFound = "resource.not_found";
    public const string MalformedJson = "request.malformed_json";
    public const string FieldRequired = "request.field_required";
    public const string FieldInvalid = "request.field_invalid";
    public const string UnknownField = "request.unknown_field";
    public const string QueryInvalid = "request.query_invalid";
    public const string UnknownQueryParameter = "request.unknown_query_parameter";
    public const string TooLarge = "request.too_large";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string TooManyCustomers = "request.too_many_customers";
    public const string IdempotencyKeyRequired = "idempotency.key_required";
    public const string IdempotencyKeyInvalid = "idempotency.key_invalid";
    public const string IdempotencyInProgress = "idempotency.in_progress";
    public const string PreconditionRequired = "precondition.required";
    public const string PreconditionFailed = "precondition.failed";
    public const string ConcurrencyConflict = "concurrency.conflict";
    public const string AlreadyExists = "resource.already_exists";
    public const string ServerError = "server.error";
}
