using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VoucherFunctions.Http;

/// <summary>
/// Binds query parameters onto the public settable properties of a query class (camelCase names):
/// strings, ints, bools, ISO 8601 instants, enums (camelCase or PascalCase, one defined member) and string
/// lists (comma-separated or repeated). Text values are at most <see cref="MaxTextLength"/> characters with
/// no control character (every string filter is an id or a name prefix, neither longer). A value that does
/// not parse is a 400 <c>request.query_invalid</c>. The same class describes the parameters in the OpenAPI document.
/// </summary>
public static class QueryBinder
{
    public const int MaxTextLength = Domain.Ids.Ids.MaxLength;

    private static readonly Domain.Text.TextField QueryText = new("query value", ApiErrorCodes.QueryInvalid, MaxTextLength, MultiLine: false);

    public static T Bind<T>(IQueryCollection query)
        where T : new()
    {
        var target = new T();
        foreach (var property in Properties(typeof(T)))
        {
            var name = NameOf(property);
            if (!query.TryGetValue(name, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            {
                continue;
            }

            property.SetValue(target, Convert(property.PropertyType, values, name));
        }

        return target;
    }

    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    public static string NameOf(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static object? Convert(Type type, Microsoft.Extensions.Primitives.StringValues values, string name)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var raw = values[0]!;
        if (values.Count > 1 && target != typeof(IReadOnlyList<string>))
        {
            // "?status=active&status=bogus" must not silently mean "active".
            throw ApiException.BadRequest(ApiErrorCodes.QueryInvalid, $"The query parameter '{name}' takes one value.", name);
        }

        if (target == typeof(string))
        {
            return Text(raw, name);
        }

        if (target == typeof(IReadOnlyList<string>))
        {
            return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(v => Text(v, name)).ToList();
        }

        if (target == typeof(int) && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (target == typeof(bool) && bool.TryParse(raw, out var flag))
        {
            return flag;
        }

        if (target == typeof(DateTimeOffset) && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        // Enum.TryParse also takes "a,b" (an OR of members, for flags) and numbers: neither is a value the API has.
        if (target.IsEnum && !raw.Any(char.IsDigit) && !raw.Contains(',', StringComparison.Ordinal) && Enum.TryParse(target, raw, ignoreCase: true, out var member) && Enum.IsDefined(target, member))
        {
            return member;
        }

        throw ApiException.BadRequest(ApiErrorCodes.QueryInvalid, $"The query parameter '{name}' has an invalid value.", name);
    }

    private static string Text(string value, string name) =>
        value.Length <= MaxTextLength && QueryText.IndexOfNonText(value) < 0
            ? value
            : throw ApiException.BadRequest(ApiErrorCodes.QueryInvalid, $"The query parameter '{name}' is at most {MaxTextLength} characters, without control characters.", name);
}
