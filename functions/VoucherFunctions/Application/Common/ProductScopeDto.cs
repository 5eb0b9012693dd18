using VoucherFunctions.Domain.Scopes;

namespace VoucherFunctions.Application.Common;

/// <summary>A product scope on the wire: <c>{"kind":"allowList","products":["cvm"]}</c>.</summary>
public sealed record ProductScopeDto(ProductScopeKind? Kind, IReadOnlyList<string>? Products)
{
    public static ProductScopeDto From(ProductScope scope) => new(scope.Kind, scope.Products.Codes);

    public ProductScope ToDomain(string field) => Require.Valid(
        () => ProductScope.Create(Require.Field(Kind, field + ".kind"), ProductSet.Of(Products ?? [])),
        field);
}
