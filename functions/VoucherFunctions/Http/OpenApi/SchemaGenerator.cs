using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VoucherFunctions.Http.Json;

namespace VoucherFunctions.Http.OpenApi;

/// <summary>
/// JSON Schemas (OpenAPI 3.0 dialect) for the API's DTO types, by reflection over the same properties
/// the serializer uses: camelCase names, enums as strings, non-nullable properties required, amounts as
/// decimal strings (or numbers, on input). Named types go to <c>components.schemas</c> once.
/// </summary>
public sealed class SchemaGenerator
{
    private readonly NullabilityInfoContext _nullability = new();

    public JsonObject Components { get; } = [];

    public JsonNode For(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (Primitive(underlying) is { } primitive)
        {
            return primitive;
        }

        if (underlying.IsEnum)
        {
            return new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(Enum.GetNames(underlying).Select(n => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(n)).ToArray()),
            };
        }

        if (ElementType(underlying) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = For(element) };
        }

        if (underlying == typeof(JsonElement) || underlying == typeof(object))
        {
            return new JsonObject();
        }

        var name = NameOf(underlying);
        if (!Components.ContainsKey(name))
        {
            Components[name] = null;
            Components[name] = ObjectSchema(underlying);
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };
    }

    public static string NameOf(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)].Replace("Dto", "", StringComparison.Ordinal) + "Of" + string.Concat(type.GetGenericArguments().Select(NameOf))
        : type.Name;

    private JsonObject ObjectSchema(Type type)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? ApiJson.Options.PropertyNamingPolicy!.ConvertName(property.Name);
            var schema = property.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(AmountTextConverter)
                ? AmountInput()
                : For(property.PropertyType);
            if (property.GetCustomAttribute<FreeTextAttribute>() is { } text)
            {
                schema = FreeText(schema, text.Field);
            }

            if (property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>() is { } description)
            {
                schema = schema is JsonObject { Count: 1 } reference && reference.ContainsKey("$ref")
                    ? new JsonObject { ["allOf"] = new JsonArray(reference), ["description"] = description.Description }
                    : WithDescription(schema, description.Description);
            }

            properties[name] = schema;
            if (IsRequired(property))
            {
                required.Add(name);
            }
        }

        var result = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            result["required"] = required;
        }

        return result;
    }

    private bool IsRequired(PropertyInfo property)
    {
        if (property.PropertyType.IsValueType)
        {
            return Nullable.GetUnderlyingType(property.PropertyType) is null;
        }

        return _nullability.Create(property).ReadState == NullabilityState.NotNull;
    }

    private static JsonNode WithDescription(JsonNode schema, string description)
    {
        var copy = (JsonObject)schema.DeepClone();
        copy["description"] = copy["description"] is JsonValue existing ? $"{description} {existing}" : description;
        return copy;
    }

    /// <summary>A free-text string: its limit as <c>maxLength</c>, and the character rule and refusal code in words.</summary>
    private static JsonObject FreeText(JsonNode schema, Domain.Text.TextField field)
    {
        var copy = (JsonObject)schema.DeepClone();
        copy["maxLength"] = field.MaxLength;
        copy["x-error-code"] = field.Code;
        copy["description"] = $"Trimmed; at most {field.MaxLength} characters; no control characters{(field.MultiLine ? " except line breaks (LF, CR) and tabs" : "")}, bidirectional overrides or lone surrogates. Otherwise 400 `{field.Code}`.";
        return copy;
    }

    /// <summary>Amounts in requests: a decimal string or a JSON number, at most 8 fraction digits.</summary>
    private static JsonObject AmountInput() => new()
    {
        ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string", ["pattern"] = AmountPattern }, new JsonObject { ["type"] = "number" }),
        ["description"] = "Amount as a decimal string or number, at most 8 fraction digits.",
    };

    public const string AmountPattern = "^-?[0-9]+(\\.[0-9]{1,8})?$";

    private static JsonObject? Primitive(Type type)
    {
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = type == typeof(int) ? "int32" : "int64" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(string) || !type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }
}
