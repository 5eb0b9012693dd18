using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization.Metadata;
using VoucherFunctions.Serialization;

namespace VoucherFunctions.Http;

/// <summary>
/// Parses a request body into a request type, turning every JSON problem into a 400 with a code and the field.
/// The kind of problem is told by the exception and its <see cref="JsonException.Path"/>, never by message text:
/// the reader's own exception (a JsonException inside the serializer's) is malformed JSON; a path that names a
/// property the request type does not have is an unknown field; any other path is a value of the wrong type or form.
/// </summary>
public static partial class JsonBody
{
    public static T Parse<T>(ReadOnlyMemory<byte> body)
        where T : class
    {
        if (body.IsEmpty)
        {
            throw ApiException.BadRequest(ApiErrorCodes.MalformedJson, "A JSON body is required.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, ApiJson.Options)
                ?? throw ApiException.BadRequest(ApiErrorCodes.MalformedJson, "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Classify(ex, typeof(T));
        }
    }

    private static ApiException Classify(JsonException ex, Type target)
    {
        var segments = PathSegments(ex.Path);

        // The serializer wraps what Utf8JsonReader threw (a syntax error, trailing data, too deep) with the path reached.
        if (ex.InnerException is JsonException || segments is null or [])
        {
            return ApiException.BadRequest(ApiErrorCodes.MalformedJson, "The body is not well-formed JSON.");
        }

        var field = FieldOf(ex.Path!);
        return Resolves(ApiJson.Options.GetTypeInfo(target), segments)
            ? ApiException.BadRequest(ApiErrorCodes.FieldInvalid, $"'{field}' has a value of the wrong type or form.", field)
            : ApiException.BadRequest(ApiErrorCodes.UnknownField, $"The body has a property this operation does not know: '{field}'.", field);
    }

    /// <summary>Whether every property the path names exists in the request type's JSON contract (array indexes step into the element type).</summary>
    private static bool Resolves(JsonTypeInfo info, IReadOnlyList<PathSegment> segments)
    {
        var current = info;
        foreach (var segment in segments)
        {
            if (segment.Index is not null)
            {
                if (current.ElementType is not { } element)
                {
                    return true; // an index into a non-array: the value's form is wrong, the field exists
                }

                current = ApiJson.Options.GetTypeInfo(element);
                continue;
            }

            var property = current.Kind == JsonTypeInfoKind.Object
                ? current.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Name, ApiJson.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                : null;
            if (property is null)
            {
                return current.Kind != JsonTypeInfoKind.Object; // a property inside a non-object value: a wrong form
            }

            current = ApiJson.Options.GetTypeInfo(property.PropertyType);
        }

        return true;
    }

    private readonly record struct PathSegment(string? Name, int? Index);

    /// <summary>
    /// System.Text.Json's path (<c>$</c>, then <c>.name</c>, <c>['name']</c> for names with special characters, and
    /// <c>[2]</c>) as segments; null when there is none or it is not of that form.
    /// </summary>
    private static List<PathSegment>? PathSegments(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        var matches = PathSegmentPattern().Matches(path, 1);
        if (matches.Sum(m => m.Length) != path.Length - 1)
        {
            return null;
        }

        return matches.Select(m => m.Groups["index"].Success
                ? new PathSegment(null, int.Parse(m.Groups["index"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))
                : new PathSegment(m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Value.Replace("\\'", "'", StringComparison.Ordinal), null))
            .ToList();
    }

    /// <summary>"$.customerUins[2]" → "customerUins[2]": the path as the problem's <c>field</c>.</summary>
    private static string FieldOf(string path) => path.TrimStart('$', '.');

    [GeneratedRegex(@"\G(?:\.(?<name>[^.\[]+)|\['(?<quoted>(?:\\.|[^'\\])*)'\]|\[(?<index>[0-9]{1,9})\])")]
    private static partial Regex PathSegmentPattern();
}
