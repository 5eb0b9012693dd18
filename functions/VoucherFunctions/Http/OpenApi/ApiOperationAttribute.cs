using VoucherFunctions.Application.Common;
using VoucherFunctions.Http.Auth;

namespace VoucherFunctions.Http.OpenApi;

/// <summary>
/// Describes one HTTP function for the API: who may call it, what it takes and answers. The single
/// source for both the request pipeline (authorisation, idempotency, ETag rules) and the OpenAPI
/// document, so the two cannot drift. Every HTTP function of the app carries one (a test checks).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ApiOperationAttribute(string tag, string summary, ActorRoles roles) : Attribute
{
    /// <summary>The resource group the operation is listed under.</summary>
    public string Tag { get; } = tag;

    public string Summary { get; } = summary;

    /// <summary>Roles admitted; <see cref="ActorRoles.Anonymous"/> means no token is needed.</summary>
    public ActorRoles Roles { get; } = roles;

    public string? Description { get; init; }

    /// <summary>The JSON body type, if the operation reads one.</summary>
    public Type? Request { get; init; }

    /// <summary>The JSON body type of the success response, if any.</summary>
    public Type? Response { get; init; }

    /// <summary>The status of the success response.</summary>
    public int SuccessStatus { get; init; } = 200;

    /// <summary>A class whose public properties are the query parameters (bound by <see cref="Pipeline.QueryBinder"/>).</summary>
    public Type? Query { get; init; }

    /// <summary>Requires an Idempotency-Key header; a replay returns the first response.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Requires an If-Match header with the resource's current ETag.</summary>
    public bool RequiresIfMatch { get; init; }

    /// <summary>Answers the resource's ETag header.</summary>
    public bool ReturnsETag { get; init; }

    /// <summary>Can also answer text/csv (Accept header or format=csv).</summary>
    public bool Csv { get; init; }
}
