using System.Globalization;
using System.Text.Json;

namespace VoucherFunctions.Vendor;

/// <summary>
/// The action's JSON body, read the vendor's way: names are case-sensitive, an unknown name is
/// <c>UnknownParameter</c>, a missing required one <c>MissingParameter</c>, a wrong type <c>InvalidParameter</c>,
/// a value out of range or outside an enum <c>InvalidParameterValue</c>.
/// </summary>
public sealed class VendorParameters
{
    private readonly JsonElement _root;

    private VendorParameters(JsonElement root) => _root = root;

    public static VendorParameters Parse(ReadOnlyMemory<byte> body, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new VendorException(VendorErrorCodes.InvalidParameter, "The request body is not JSON.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new VendorException(VendorErrorCodes.InvalidParameter, "The request body must be a JSON object of the action's parameters.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw new VendorException(VendorErrorCodes.UnknownParameter, $"The parameter `{property.Name}` is not recognized.");
            }
        }

        return new VendorParameters(root);
    }

    public bool Has(string name) => _root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public long? Integer(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            throw new VendorException(VendorErrorCodes.InvalidParameter, $"The parameter `{name}` must be an integer.");
        }

        return n >= min && n <= max ? n : throw new VendorException(VendorErrorCodes.InvalidParameterValue, $"The parameter `{name}` must be between {min} and {max} (got {n}).");
    }

    public long RequiredInteger(string name, long min = long.MinValue, long max = long.MaxValue) =>
        Integer(name, min, max) ?? throw Missing(name);

    public string? Text(string name)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new VendorException(VendorErrorCodes.InvalidParameter, $"The parameter `{name}` must be a string.");
    }

    /// <summary>A string that must be one of <paramref name="values"/> (case-sensitive, as the vendor).</summary>
    public string? Enum(string name, params string[] values)
    {
        var text = Text(name);
        return text is null || values.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new VendorException(VendorErrorCodes.InvalidParameterValue, $"The parameter `{name}` must be one of {string.Join(", ", values)} (got `{text}`).");
    }

    /// <summary>
    /// A voucher id: the vendor's integer id, or (where the vendor's string type allows) our string id or the
    /// integer written as a string.
    /// </summary>
    public VoucherRef? Voucher(string name)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) && n > 0 => new VoucherRef(n, null),
            JsonValueKind.String when v.GetString() is { Length: > 0 } s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? new VoucherRef(n, s) : new VoucherRef(null, s),
            _ => throw new VendorException(VendorErrorCodes.InvalidParameter, $"The parameter `{name}` must be a voucher id (a positive integer, or our string id)."),
        };
    }

    /// <summary>An array of 1 to <paramref name="max"/> integers (customer UINs).</summary>
    public IReadOnlyList<long> Integers(string name, int max)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            throw Missing(name);
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new VendorException(VendorErrorCodes.InvalidParameter, $"The parameter `{name}` must be an array of integers.");
        }

        var values = new List<long>();
        foreach (var item in v.EnumerateArray())
        {
            values.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var n) && n >= 0
                ? n
                : throw new VendorException(VendorErrorCodes.InvalidParameter, $"The parameter `{name}` must be an array of integers."));
        }

        return values.Count >= 1 && values.Count <= max
            ? values
            : throw new VendorException(VendorErrorCodes.InvalidParameterValue, $"The parameter `{name}` takes 1 to {max} values (got {values.Count}).");
    }

    /// <summary>A month <c>yyyy-MM</c> as its first instant (UTC).</summary>
    public DateTimeOffset? Month(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var month)
            ? month
            : throw new VendorException(VendorErrorCodes.InvalidMonth, $"The parameter `{name}` must be a month like 2024-03 (got `{text}`).");
    }

    private static VendorException Missing(string name) => new(VendorErrorCodes.MissingParameter, $"The parameter `{name}` is missing.");
}

/// <summary>A voucher named by the vendor's integer id or by our string id (either may be given; a digit string may be either).</summary>
public sealed record VoucherRef(long? Number, string? Text);
