using System.Text.Json.Serialization;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Http;

namespace VoucherFunctions.Application.Common;

/// <summary>A product scope on the wire: <c>{"kind":"allowList","products":["cvm"]}</c>.</summary>
public sealed record ProductScopeDto(ProductScopeKind? Kind, IReadOnlyList<string>? Products)
{
    public static ProductScopeDto From(ProductScope scope) => new(scope.Kind, scope.Products.Codes);

    public ProductScope ToDomain(string field) => Require.Valid(
        () => ProductScope.Create(Require.Field(Kind, field + ".kind"), ProductSet.Of(Products ?? [])),
        field);
}

/// <summary>Validity on the wire: either <c>days</c> from the moment the voucher takes effect, or an absolute <c>end</c>.</summary>
public sealed record ValidityDto(int? Days, DateTimeOffset? End)
{
    public static ValidityDto From(Validity validity) => new(validity.Days, validity.End);

    public Validity ToDomain(string field)
    {
        if (Days.HasValue == End.HasValue)
        {
            throw ApiException.Invalid(field, $"'{field}' needs exactly one of 'days' and 'end'.");
        }

        return Require.Valid(() => Days.HasValue ? Validity.DaysFromEffect(Days.Value) : Validity.AbsoluteEnd(End!.Value), field);
    }
}

/// <summary>An amount with its currency, amounts as canonical decimal strings.</summary>
public sealed record AmountDto(string Amount, string Currency)
{
    public static AmountDto From(Domain.Money.Money money) => new(money.ToString(), money.Currency.Code);
}

/// <summary>Amount text as sent by the caller (string or JSON number), parsed exactly by the domain.</summary>
public static class Amounts
{
    public static Domain.Money.Money Parse(string? text, Domain.Money.Currency currency, string field) =>
        Require.Valid(() => Domain.Money.Money.ParsePositive(Require.Text(text, field), currency), field);

    public static Domain.Money.Currency Currency(string? code, string field) =>
        Require.Valid(() => Domain.Money.Currency.Of(Require.Text(code, field)), field);
}

/// <summary>Marks request properties that take an amount as a decimal string or a JSON number.</summary>
public sealed class AmountAttribute() : JsonConverterAttribute(typeof(Http.Json.AmountTextConverter));
