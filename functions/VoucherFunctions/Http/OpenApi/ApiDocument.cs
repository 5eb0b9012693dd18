using VoucherFunctions.Application.Common;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.Idempotency;
using VoucherFunctions.Serialization;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Http.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of every HTTP function of the app, built with Microsoft.OpenApi from the functions' own
/// attributes ([Function], [HttpTrigger], [ApiOperation]) and the schemas <see cref="ApiSchemas"/> exports from the
/// serializer options the app uses, so it cannot drift from what is served. <paramref name="examples"/> and
/// <paramref name="tags"/> come from the API layer (Api/Reference).
/// </summary>
public sealed class ApiDocument(IEnumerable<ApiExample> examples, IEnumerable<ApiTag> tags)
{
    public const string BearerScheme = "bearer";

    /// <summary>The tag of the few HTTP functions that are not API operations (the health probe).</summary>
    public const string OtherTag = "Other";

    private readonly Lazy<string> _json = new(() => Serialize(Build(typeof(ApiDocument).Assembly, examples, tags)));

    public string Json => _json.Value;

    public static Microsoft.OpenApi.OpenApiDocument Build(Assembly assembly, IEnumerable<ApiExample> examples, IEnumerable<ApiTag> tags)
    {
        var document = new Microsoft.OpenApi.OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "VoucherFunctions partner API",
                Version = assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                Description = "Partner, customer and channel-manager API of the voucher platform. Every operation except the anonymous ones needs a bearer JWT; " +
                    "the partner is always taken from the token. Errors are RFC 9457 problem details with a stable `code`. Amounts are decimal strings with at most 8 fraction digits.",
                Contact = new OpenApiContact { Name = "VoucherFunctions maintainers" },
            },
            // Relative: the API is served by whichever host serves this document (local host, Azure).
            Servers = [new OpenApiServer { Url = "/", Description = "The host that serves this document" }],
            Paths = new OpenApiPaths(),
        };
        document.AddComponent(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An Entra ID (or, locally, the local host's) access token; its roles claim decides what the caller may do.",
        });

        var schemas = new ApiSchemas();
        var context = new Context(document, schemas, examples.ToDictionary(e => e.Type, e => JsonSerializer.SerializeToNode(e.Value, e.Type, ApiJson.Options)!));
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var function in HttpFunctionInfo.Discover(assembly))
        {
            if (!document.Paths.TryGetValue(function.Path, out var item))
            {
                item = new OpenApiPathItem { Operations = [] };
                document.Paths[function.Path] = item;
            }

            foreach (var method in function.Methods)
            {
                var operation = Operation(function, context);
                ((OpenApiPathItem)item).Operations![new HttpMethod(method.ToUpperInvariant())] = operation;
                used.Add(function.Operation?.Tag ?? OtherTag);
            }
        }

        var described = tags.ToDictionary(t => t.Name, t => t.Description, StringComparer.Ordinal);
        described.TryAdd(OtherTag, "HTTP functions of the app that are not partner API operations.");
        document.Tags = new HashSet<OpenApiTag>(used.Select(t => new OpenApiTag { Name = t, Description = described.GetValueOrDefault(t) }));
        schemas.AddComponentsTo(document);
        return document;
    }

    /// <summary>The document as OpenAPI 3.1 JSON.</summary>
    public static string Serialize(Microsoft.OpenApi.OpenApiDocument document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var writer = new OpenApiJsonWriter(text);
        document.SerializeAsV31(writer);
        return text.ToString();
    }

    private sealed record Context(Microsoft.OpenApi.OpenApiDocument Document, ApiSchemas Schemas, IReadOnlyDictionary<Type, JsonNode> Examples)
    {
        public IOpenApiSchema Schema(JsonNode schema) => ApiSchemas.ToOpenApi(schema, Document);

        public OpenApiMediaType Json(Type type) => new()
        {
            Schema = Schema(Schemas.For(type)),
            Example = Examples.TryGetValue(type, out var example) ? example.DeepClone() : null,
        };
    }

    private static OpenApiOperation Operation(HttpFunctionInfo function, Context context)
    {
        var described = function.Operation;
        var roles = described?.Roles ?? ActorRoles.Anonymous;
        var access = roles == ActorRoles.Anonymous ? "Anonymous: no token needed." : $"Roles: {string.Join(", ", RoleNames.Of(roles))}.";
        var text = described?.Description ?? function.Method.GetCustomAttribute<DescriptionAttribute>()?.Description;
        var operation = new OpenApiOperation
        {
            OperationId = function.Name,
            Tags = new HashSet<OpenApiTagReference> { new(described?.Tag ?? OtherTag, context.Document) },
            Summary = described?.Summary ?? function.Name,
            Description = text is null ? access : $"{access} {text}",
            Parameters = Parameters(function, context),
            Responses = Responses(described, context),
        };
        if (roles != ActorRoles.Anonymous)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            operation.Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-roles"] = new JsonNodeExtension(new JsonArray(RoleNames.Of(roles).Select(r => (JsonNode)r).ToArray())),
            };
        }

        if (described?.Request is { } request)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = context.Json(request) },
            };
        }

        return operation;
    }

    private static List<IOpenApiParameter>? Parameters(HttpFunctionInfo function, Context context)
    {
        var described = function.Operation;
        var parameters = new List<IOpenApiParameter>();
        foreach (var name in function.PathParameters)
        {
            parameters.Add(Parameter(name, ParameterLocation.Path, required: true, new JsonObject { ["type"] = "string" }, $"The {name} in the route.", context));
        }

        if (described?.Query is { } query)
        {
            foreach (var property in QueryBinder.Properties(query))
            {
                var text = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "Filter: only results with this value.";
                parameters.Add(Parameter(QueryBinder.NameOf(property), ParameterLocation.Query, required: false, context.Schemas.ForParameter(property.PropertyType), text, context));
            }
        }

        if (described is not null && QueryParameters.IsPaged(described))
        {
            parameters.Add(Parameter(PageQuery.PageSizeName, ParameterLocation.Query, false, new JsonObject { ["type"] = "integer", ["format"] = "int32", ["minimum"] = 1, ["maximum"] = Domain.Ports.PageRequest.MaxPageSize, ["default"] = PageQuery.DefaultPageSize }, "How many items a page holds at most.", context));
            parameters.Add(Parameter(PageQuery.ContinuationTokenName, ParameterLocation.Query, false, new JsonObject { ["type"] = "string" }, "The continuationToken of the previous page; omit it for the first page.", context));
        }

        if (described?.Csv == true)
        {
            parameters.Add(Parameter(QueryParameters.Format, ParameterLocation.Query, false, new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(QueryParameters.Formats.Select(f => (JsonNode)f).ToArray()) }, "csv answers text/csv (as does Accept: text/csv); json is the default.", context));
        }

        if (described?.Idempotent == true)
        {
            parameters.Add(Parameter(IdempotencyGate.HeaderName, ParameterLocation.Header, true, new JsonObject { ["type"] = "string", ["maxLength"] = 128 }, "A unique value per intended operation (e.g. a UUID): a retry with the same key and body answers the first response (Idempotent-Replayed: true).", context));
        }

        if (described?.RequiresIfMatch == true)
        {
            parameters.Add(Parameter("If-Match", ParameterLocation.Header, true, new JsonObject { ["type"] = "string" }, "The ETag the resource's GET answered: the change applies only to that version.", context));
        }

        return parameters.Count > 0 ? parameters : null;
    }

    private static OpenApiResponses Responses(ApiOperationAttribute? described, Context context)
    {
        var success = new OpenApiResponse { Description = "Success" };
        if (described?.Response is { } response)
        {
            success.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = context.Json(response) };
            if (described.Csv)
            {
                success.Content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }

        if (described?.ReturnsETag == true)
        {
            success.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["ETag"] = new OpenApiHeader { Description = "The version of the resource, for If-Match.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        var responses = new OpenApiResponses { [(described?.SuccessStatus ?? 200).ToString(CultureInfo.InvariantCulture)] = success };
        if (described is null)
        {
            return responses;
        }

        void Error(int status, string text) => responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType> { [Problem.ContentType] = new() { Schema = context.Schema(context.Schemas.For(typeof(Problem))) } },
        };

        Error(400, "The request is malformed or a value is invalid (see `code` and `field`).");
        if (described.Roles != ActorRoles.Anonymous)
        {
            Error(401, "No bearer token, or it is not valid.");
            Error(403, "The token's roles do not allow this operation.");
            Error(404, "Not found, or it belongs to another partner.");
            Error(409, "The resource's state refuses the change, or a concurrent change won.");
            Error(422, "A business rule refuses the request.");
        }

        if (described.RequiresIfMatch)
        {
            Error(412, "The If-Match ETag is not the current one.");
            Error(428, "If-Match is missing.");
        }

        return responses;
    }

    private static OpenApiParameter Parameter(string name, ParameterLocation location, bool required, JsonNode schema, string description, Context context) => new()
    {
        Name = name,
        In = location,
        Required = required,
        Description = description,
        Schema = context.Schema(schema),
    };
}

/// <summary>An example body of a type, shown wherever the type is a request or response body (serialized with the API's JSON options).</summary>
public sealed record ApiExample(Type Type, object Value);

/// <summary>A tag of <see cref="ApiOperationAttribute.Tag"/> and what its operations are for.</summary>
public sealed record ApiTag(string Name, string Description);
