namespace VoucherFunctions.Domain.Errors;

/// <summary>
/// A broken business rule. <see cref="Code"/> is one of <see cref="ErrorCodes"/> and is what callers
/// branch on; the message is for humans and may change.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
