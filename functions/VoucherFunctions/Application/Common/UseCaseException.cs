using VoucherFunctions.Domain.Errors;

namespace VoucherFunctions.Application.Common;

/// <summary>
/// A use case's refusal: its <see cref="Kind"/>, a stable <see cref="Code"/> and, when it is about one input, the
/// <see cref="Field"/>. It names no transport: the HTTP layer turns it into problem details with a status per kind.
/// </summary>
public sealed class UseCaseException(Failure kind, string code, string message, string? field = null) : Exception(message)
{
    public Failure Kind { get; } = kind;

    public string Code { get; } = code;

    /// <summary>The input (a command property or query parameter) the refusal is about, if any.</summary>
    public string? Field { get; } = field;

    public static UseCaseException Forbidden(string message) => new(Failure.Forbidden, UseCaseErrorCodes.Forbidden, message);

    /// <summary>Not found, and the answer for another partner's resource too, so existence never leaks.</summary>
    public static UseCaseException NotFound(string what) => new(Failure.NotFound, UseCaseErrorCodes.NotFound, $"No {what} with that id was found.");

    public static UseCaseException NotFound(string code, string message, string? field = null) => new(Failure.NotFound, code, message, field);

    public static UseCaseException InvalidInput(string code, string message, string? field = null) => new(Failure.InvalidInput, code, message, field);

    public static UseCaseException Required(string field) => InvalidInput(UseCaseErrorCodes.FieldRequired, $"'{field}' is required.", field);

    public static UseCaseException Invalid(string field, string message) => InvalidInput(UseCaseErrorCodes.FieldInvalid, message, field);

    public static UseCaseException Conflict(string code, string message, string? field = null) => new(Failure.Conflict, code, message, field);

    /// <summary>The caller's version (an HTTP caller's If-Match) is not the stored one.</summary>
    public static UseCaseException StaleVersion() =>
        new(Failure.StaleVersion, UseCaseErrorCodes.PreconditionFailed, "The resource has changed since the ETag in If-Match was read; get it again and retry.");

    public static UseCaseException KeyReused(string message) => new(Failure.KeyReused, ErrorCodes.IdempotencyKeyReused, message);

    /// <summary>A domain rule's refusal, reported against <paramref name="field"/>.</summary>
    public static UseCaseException Rule(DomainException refusal, string? field) => new(Failure.Rule, refusal.Code, refusal.Message, field);
}
