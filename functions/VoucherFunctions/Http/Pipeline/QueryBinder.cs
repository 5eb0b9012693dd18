using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VoucherFunctions.Http;

/// <summary>
/// Binds query parameters onto the public settable properties of a query class (camelCase names):
/// strings, ints, bools, ISO 8601 instants, enums (camelCase or PascalCase) and string lists
/// (comma-separated or repeated). A value that does not parse is a 400 <c>request.query_invalid</c>.
/// The same class describes the parameters in the OpenAPI document.
/// </summary>
public static class QueryBinder
{
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
        if (target == typeof(string))
        {
            return raw;
        }

        if (target == typeof(IReadOnlyList<string>))
        {
            return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
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

        if (target.IsEnum && !raw.Any(char.IsDigit) && Enum.TryParse(target, raw, ignoreCase: true, out var member))
        {
            return member;
        }

        throw ApiException.BadRequest(ApiErrorCodes.QueryInvalid, $"The query parameter '{name}' has an invalid value.", name);
    }
}
