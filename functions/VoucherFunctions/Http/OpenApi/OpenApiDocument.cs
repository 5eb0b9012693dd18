using System.Text.Json.Nodes;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.Idempotency;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Http.OpenApi;

/// <summary>
/// The OpenAPI 3 document of every HTTP function of the app, generated from the functions' own attributes
/// ([Function], [HttpTrigger], [ApiOperation]) and DTO types, so it cannot drift from what is served.
/// </summary>
public sealed class OpenApiDocument
{
    private readonly Lazy<string> _json = new(() => Build(typeof(OpenApiDocument).Assembly).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    public string Json => _json.Value;

    public static JsonObject Build(System.Reflection.Assembly assembly)
    {
        var schemas = new SchemaGenerator();
        var problem = schemas.For(typeof(Problem));
        var paths = new JsonObject();
        foreach (var function in HttpFunctionInfo.Discover(assembly))
        {
            if (paths[function.Path] is not JsonObject item)
            {
                item = [];
                paths[function.Path] = item;
            }

            foreach (var method in function.Methods)
            {
                item[method] = Operation(function, schemas, problem);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "VoucherFunctions partner API",
                ["version"] = typeof(OpenApiDocument).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                ["description"] = "Partner, customer and channel-manager API of the voucher platform. Every operation except the anonymous ones needs a bearer JWT; " +
                    "the partner is always taken from the token. Errors are RFC 9457 problem details with a stable `code`. Amounts are decimal strings with at most 8 fraction digits.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
        };
    }

    private static JsonObject Operation(HttpFunctionInfo function, SchemaGenerator schemas, JsonNode problem)
    {
        var described = function.Operation;
        var operation = new JsonObject
        {
            ["operationId"] = function.Name,
            ["tags"] = new JsonArray(described?.Tag ?? "Other"),
            ["summary"] = described?.Summary ?? function.Name,
        };
        var roles = described?.Roles ?? ApiRoles.Anonymous;
        var description = described?.Description ?? "";
        if (roles != ApiRoles.Anonymous)
        {
            description = $"Roles: {string.Join(", ", RoleNames.Of(roles))}. {description}".Trim();
            operation["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() });
            operation["x-roles"] = new JsonArray(RoleNames.Of(roles).Select(r => (JsonNode)r).ToArray());
        }
        else
        {
            operation["security"] = new JsonArray();
        }

        if (description.Length > 0)
        {
            operation["description"] = description;
        }

        var parameters = new JsonArray();
        foreach (var name in function.PathParameters)
        {
            parameters.Add(Parameter(name, "path", required: true, new JsonObject { ["type"] = "string" }));
        }

        if (described?.Query is { } query)
        {
            foreach (var property in QueryBinder.Properties(query))
            {
                var schema = schemas.For(property.PropertyType);
                var parameter = Parameter(QueryBinder.NameOf(property), "query", required: false, schema);
                if (property.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false) is [System.ComponentModel.DescriptionAttribute d])
                {
                    parameter["description"] = d.Description;
                }

                parameters.Add(parameter);
            }
        }

        if (described is not null && QueryParameters.IsPaged(described))
        {
            parameters.Add(Parameter(PageQuery.PageSizeName, "query", false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 100, ["default"] = PageQuery.DefaultPageSize }));
            parameters.Add(Parameter(PageQuery.ContinuationTokenName, "query", false, new JsonObject { ["type"] = "string" }));
        }

        if (described?.Csv == true)
        {
            parameters.Add(Parameter(QueryParameters.Format, "query", false, new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(QueryParameters.Formats.Select(f => (JsonNode)f).ToArray()) }));
        }

        if (described?.Idempotent == true)
        {
            parameters.Add(Parameter(IdempotencyGate.HeaderName, "header", true, new JsonObject { ["type"] = "string", ["maxLength"] = 128 }));
        }

        if (described?.RequiresIfMatch == true)
        {
            parameters.Add(Parameter("If-Match", "header", true, new JsonObject { ["type"] = "string" }));
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (described?.Request is { } request)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.For(request) } },
            };
        }

        operation["responses"] = Responses(described, schemas, problem);
        return operation;
    }

    private static JsonObject Responses(ApiOperationAttribute? described, SchemaGenerator schemas, JsonNode problem)
    {
        var success = new JsonObject { ["description"] = "Success" };
        if (described?.Response is { } response)
        {
            var content = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.For(response) } };
            if (described.Csv)
            {
                content["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } };
            }

            success["content"] = content;
        }

        if (described?.ReturnsETag == true)
        {
            success["headers"] = new JsonObject { ["ETag"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } };
        }

        var responses = new JsonObject { [(described?.SuccessStatus ?? 200).ToString(System.Globalization.CultureInfo.InvariantCulture)] = success };
        if (described is null)
        {
            return responses;
        }

        void Error(int status, string text) => responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
        {
            ["description"] = text,
            ["content"] = new JsonObject { [Problem.ContentType] = new JsonObject { ["schema"] = problem.DeepClone() } },
        };

        Error(400, "The request is malformed or a value is invalid (see `code` and `field`).");
        if (described.Roles != ApiRoles.Anonymous)
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

    private static JsonObject Parameter(string name, string location, bool required, JsonNode schema) => new()
    {
        ["name"] = name,
        ["in"] = location,
        ["required"] = required,
        ["schema"] = schema,
    };
}
