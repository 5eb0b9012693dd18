namespace VoucherFunctions.Domain.Money;

using VoucherFunctions.Domain.Errors;

/// <summary>An ISO 4217 currency code: exactly three uppercase ASCII letters ("USD", "CNY").</summary>
public sealed record Currency
{
    private Currency(string code) => Code = code;

    public string Code { get; }

    public static Currency USD { get; } = new("USD");

    /// <summary>Validates the code. Lowercase is refused rather than normalised, so one currency has one spelling in storage.</summary>
    public static Currency Of(string? code)
    {
        if (code is not { Length: 3 } || !code.All(c => c is >= 'A' and <= 'Z'))
        {
            throw new DomainException(ErrorCodes.CurrencyInvalid, $"'{code}' is not a three-letter uppercase ISO 4217 currency code.");
        }

        return code == "USD" ? USD : new Currency(code);
    }

    public override string ToString() => Code;
}
