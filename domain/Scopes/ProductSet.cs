namespace VoucherFunctions.Domain.Scopes;

using System.Collections;
using VoucherFunctions.Domain.Ids;

/// <summary>
/// An immutable set of product codes with value equality (sorted, distinct, ordinal), so records
/// holding one compare by content. Used for scope lists and for the frozen vendor blocklist.
/// </summary>
public sealed class ProductSet : IReadOnlyCollection<string>, IEquatable<ProductSet>
{
    private readonly string[] _codes;

    private ProductSet(string[] codes) => _codes = codes;

    public static ProductSet Empty { get; } = new([]);

    public int Count => _codes.Length;

    public IReadOnlyList<string> Codes => _codes;

    /// <summary>Builds a set from product codes; each must be a valid id (they are stored and compared as keys).</summary>
    public static ProductSet Of(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var distinct = codes.Select(c => Ids.Validate(c, "product code")).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(distinct, StringComparer.Ordinal);
        return distinct.Length == 0 ? Empty : new ProductSet(distinct);
    }

    public static ProductSet Of(params string[] codes) => Of((IEnumerable<string>)codes);

    public bool Contains(string? code) => code is not null && Array.BinarySearch(_codes, code, StringComparer.Ordinal) >= 0;

    /// <summary>True when the product code or the sub-product code (if any) is in the set.</summary>
    public bool Matches(ProductRef product) => Contains(product.ProductCode) || Contains(product.SubProductCode);

    public ProductSet With(string code) => Of(_codes.Append(code));

    public ProductSet Without(string code) => Of(_codes.Where(c => !string.Equals(c, code, StringComparison.Ordinal)));

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_codes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ProductSet? other) => other is not null && _codes.AsSpan().SequenceEqual(other._codes);

    public override bool Equals(object? obj) => Equals(obj as ProductSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var code in _codes)
        {
            hash.Add(code, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _codes) + "]";
}
