using VoucherFunctions.Application.Common;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using VoucherFunctions.Serialization;

namespace VoucherFunctions.Http.OpenApi;

/// <summary>
/// JSON Schemas of the API's body and parameter types, exported by the runtime's <see cref="JsonSchemaExporter"/>
/// from <see cref="ApiJson.Options"/>, the options the app reads and writes bodies with: property names, enums as
/// strings, nullability and unknown properties refused (<c>additionalProperties: false</c>) are the serializer's own.
/// What the serializer cannot know is added here: amounts (a decimal string or number), free-text limits
/// (<see cref="FreeTextAttribute"/>), <see cref="DescriptionAttribute"/> texts, integer formats, and which
/// properties a response always carries (the non-nullable ones). Object types become named components once.
/// The exporter speaks JSON Schema 2020-12, the dialect of OpenAPI 3.1.
/// </summary>
public sealed class ApiSchemas
{
    public const string AmountPattern = "^-?[0-9]+(\\.[0-9]{1,8})?$";

    private const string ComponentPrefix = "#/components/schemas/";

    private readonly SortedDictionary<string, JsonNode?> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _namedTypes = new(StringComparer.Ordinal);
    private readonly JsonSchemaExporterOptions _exporter;

    public ApiSchemas()
    {
        _exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform };
    }

    /// <summary>The schema of a body of this type: a reference to its component for an object, else inline.</summary>
    public JsonNode For(Type type) => IsComponent(ApiJson.Options.GetTypeInfo(type)) ? Reference(type) : Export(type);

    /// <summary>The schema of a query parameter of this type: as a body's, but never null (an absent parameter is the "no value").</summary>
    public JsonNode ForParameter(Type type) => WithoutNull(For(type));

    /// <summary>Converts a schema of this class to Microsoft.OpenApi's model, bound to <paramref name="document"/>'s components.</summary>
    public static IOpenApiSchema ToOpenApi(JsonNode schema, Microsoft.OpenApi.OpenApiDocument document)
    {
        if (schema is JsonObject { Count: 1 } reference && reference["$ref"]?.GetValue<string>() is { } pointer && pointer.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            return new OpenApiSchemaReference(pointer[ComponentPrefix.Length..], document);
        }

        var parsed = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(schema.DeepClone(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic);
        if (parsed is null || diagnostic.Errors.Count > 0)
        {
            throw new InvalidOperationException($"Microsoft.OpenApi could not read the exported schema {schema.ToJsonString()}: {string.Join("; ", diagnostic.Errors.Select(e => e.ToString()))}");
        }

        return parsed;
    }

    /// <summary>Adds every component schema referenced so far to the document.</summary>
    public void AddComponentsTo(Microsoft.OpenApi.OpenApiDocument document)
    {
        foreach (var (name, schema) in _components)
        {
            document.AddComponent(name, ToOpenApi(schema!, document));
        }
    }

    public static string NameOf(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)].Replace("Dto", "", StringComparison.Ordinal) + "Of" + string.Concat(type.GetGenericArguments().Select(NameOf))
        : type.Name;

    private JsonNode Reference(Type type)
    {
        var name = NameOf(type);
        if (_namedTypes.TryGetValue(name, out var known))
        {
            if (known != type)
            {
                throw new InvalidOperationException($"Two API types share the schema name {name}: {known.FullName} and {type.FullName}.");
            }
        }
        else
        {
            _namedTypes[name] = type;
            _components[name] = null; // taken before exporting, so a type that contains itself refers to its component
            _components[name] = Export(type);
        }

        return new JsonObject { ["$ref"] = ComponentPrefix + name };
    }

    private JsonNode Export(Type type) => JsonSchemaExporter.GetJsonSchemaAsNode(ApiJson.Options, type, _exporter);

    private static bool IsComponent(JsonTypeInfo info) => info.Kind == JsonTypeInfoKind.Object;

    /// <summary>Called by the exporter for every schema it builds, innermost first; the root of an export has an empty path.</summary>
    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode exported)
    {
        // true (any JSON: JsonElement, object) as an object schema, so descriptions can be added to it.
        var schema = exported as JsonObject ?? new JsonObject();
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (context.PropertyInfo?.CustomConverter is AmountTextConverter)
        {
            schema = AmountInput();
        }
        else if (context.Path.Length > 0 && IsComponent(context.TypeInfo))
        {
            schema = (JsonObject)Reference(context.TypeInfo.Type);
        }
        else
        {
            Complete(schema, context.TypeInfo, type, isRoot: context.Path.Length == 0);
        }

        if (context.PropertyInfo?.AttributeProvider is { } attributes)
        {
            if (attributes.GetCustomAttributes(typeof(FreeTextAttribute), false) is [FreeTextAttribute text])
            {
                FreeText(schema, text.Field);
            }

            if (attributes.GetCustomAttributes(typeof(DescriptionAttribute), false) is [DescriptionAttribute description])
            {
                schema["description"] = schema["description"] is JsonValue existing ? $"{description.Description} {existing}" : description.Description;
            }
        }

        return schema;
    }

    private static void Complete(JsonObject schema, JsonTypeInfo info, Type type, bool isRoot)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            schema["format"] = type == typeof(int) ? "int32" : "int64";
        }

        // The exporter lists a string enum's values only; say they are strings (and null where the enum is nullable).
        if (schema["enum"] is JsonArray values && !schema.ContainsKey("type"))
        {
            schema["type"] = values.Any(v => v is null) ? new JsonArray("string", "null") : "string";
        }

        if (isRoot && info.Kind == JsonTypeInfoKind.Object)
        {
            // The exporter marks only `required` members; a response always carries its non-nullable properties
            // (nulls are omitted on output), and a request names none required (the use case says which is missing).
            var required = new JsonArray(info.Properties.Where(p => !IsNullable(p)).Select(p => (JsonNode)p.Name).ToArray());
            schema.Remove("required");
            if (required.Count > 0)
            {
                schema["required"] = required;
            }
        }
    }

    private static bool IsNullable(JsonPropertyInfo property) => property.PropertyType.IsValueType
        ? Nullable.GetUnderlyingType(property.PropertyType) is not null
        : property.IsGetNullable;

    /// <summary>A free-text string: its limit as <c>maxLength</c>, and the character rule and refusal code in words.</summary>
    private static void FreeText(JsonObject schema, Domain.Text.TextField field)
    {
        schema["maxLength"] = field.MaxLength;
        schema["x-error-code"] = field.Code;
        schema["description"] = $"Trimmed; at most {field.MaxLength} characters; no control characters{(field.MultiLine ? " except line breaks (LF, CR) and tabs" : "")}, bidirectional overrides or lone surrogates. Otherwise 400 `{field.Code}`.";
    }

    /// <summary>Amounts in requests: a decimal string or a JSON number, at most 8 fraction digits.</summary>
    private static JsonObject AmountInput() => new()
    {
        ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string", ["pattern"] = AmountPattern }, new JsonObject { ["type"] = "number" }),
        ["description"] = "Amount as a decimal string or number, at most 8 fraction digits.",
    };

    private static JsonNode WithoutNull(JsonNode schema)
    {
        var copy = schema.DeepClone();
        if (copy is JsonObject o)
        {
            if (o["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
            {
                var rest = types.Where(t => t?.GetValue<string>() != "null").Select(t => t!.GetValue<string>()).ToArray();
                o["type"] = rest.Length == 1 ? rest[0] : new JsonArray(rest.Select(t => (JsonNode)t).ToArray());
            }

            if (o["enum"] is JsonArray values && values.Any(v => v is null))
            {
                o["enum"] = new JsonArray(values.Where(v => v is not null).Select(v => v!.DeepClone()).ToArray());
            }
        }

        return copy;
    }
}
