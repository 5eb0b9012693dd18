namespace VoucherFunctions.Domain.Tests.Support;

using VoucherFunctions.Domain.Errors;

internal static class Expect
{
    /// <summary>Asserts that <paramref name="action"/> breaks a rule with the given stable code.</summary>
    public static DomainException Code(string code, Action action)
    {
        var ex = Assert.Throws<DomainException>(action);
        Assert.Equal(code, ex.Code);
        return ex;
    }

    public static DomainException Code(string code, Func<object?> action) => Code(code, () => { _ = action(); });
}
