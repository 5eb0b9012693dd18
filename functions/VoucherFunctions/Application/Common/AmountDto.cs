namespace VoucherFunctions.Application.Common;

/// <summary>An amount with its currency, amounts as canonical decimal strings.</summary>
public sealed record AmountDto(string Amount, string Currency)
{
    public static AmountDto From(Domain.Money.Money money) => new(money.ToString(), money.Currency.Code);
}
