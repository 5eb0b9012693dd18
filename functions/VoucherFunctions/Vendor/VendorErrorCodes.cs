namespace VoucherFunctions.Vendor;

/// <summary>The vendor's error codes this endpoint answers with (its common codes and the partner API's).</summary>
public static class VendorErrorCodes
{
    public const string SignatureFailure = "AuthFailure.SignatureFailure";
    public const string SignatureExpire = "AuthFailure.SignatureExpire";
    public const string SecretIdNotFound = "AuthFailure.SecretIdNotFound";
    public const string InvalidAuthorization = "AuthFailure.InvalidAuthorization";

    /// <summary>The key's role may not call this action.</summary>
    public const string AuthUnauthorizedOperation = "AuthFailure.UnauthorizedOperation";

    /// <summary>The action names a resource (a customer) that is not the caller's.</summary>
    public const string UnauthorizedOperation = "UnauthorizedOperation";

    public const string InvalidAction = "InvalidAction";
    public const string NoSuchVersion = "NoSuchVersion";
    public const string InvalidParameter = "InvalidParameter";
    public const string InvalidParameterValue = "InvalidParameterValue";
    public const string InvalidMonth = "InvalidParameterValue.InvalidMonth";
    public const string MissingParameter = "MissingParameter";
    public const string UnknownParameter = "UnknownParameter";
    public const string RequestLimitExceeded = "RequestLimitExceeded";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string InternalError = "InternalError";
}

/// <summary>A refusal in the vendor's terms: answered as <c>Response.Error</c> with HTTP 200, like the vendor.</summary>
public sealed class VendorException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
