namespace VoucherFunctions.Domain.Errors;

/// <summary>Small helpers so rule checks read as one line each.</summary>
internal static class Guard
{
    public static void That(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainException(code, message);
        }
    }

    public static DomainException Fail(string code, string message) => new(code, message);
}
