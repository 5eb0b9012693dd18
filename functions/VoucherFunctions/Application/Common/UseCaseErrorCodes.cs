namespace VoucherFunctions.Application.Common;

/// <summary>
/// Stable codes of the refusals use cases report themselves (the domain's are in <c>ErrorCodes</c>; the HTTP layer's own,
/// such as a missing header or a malformed body, in <c>ApiErrorCodes</c>, which names these too).
/// </summary>
public static class UseCaseErrorCodes
{
    public const string Forbidden = "auth.forbidden";
    public const string NotFound = "resource.not_found";
    public const string FieldRequired = "request.field_required";
    public const string FieldInvalid = "request.field_invalid";
    public const string QueryInvalid = "request.query_invalid";
    public const string TooManyCustomers = "request.too_many_customers";
    public const string PreconditionFailed = "precondition.failed";
    public const string ConcurrencyConflict = "concurrency.conflict";
    public const string AlreadyExists = "resource.already_exists";
}
