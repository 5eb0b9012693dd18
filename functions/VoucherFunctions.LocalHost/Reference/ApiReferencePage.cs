using Scalar.AspNetCore;

namespace VoucherFunctions.LocalHost.Reference;

/// <summary>
/// GET /reference: Scalar's API reference of the app's own OpenAPI document (/api/openapi.json). Its script is
/// served from the Scalar.AspNetCore package itself, and everything that would reach Scalar's services (web
/// fonts from its CDN, telemetry, the AI agent, the developer toolbar's share and SDK links) is off, so the page works offline and sends nothing away.
/// </summary>
public static class ApiReferencePage
{
    public const string Route = "/reference";

    /// <summary>Where the app serves its document (the OpenApiDocument function; route prefix from host.json).</summary>
    public const string DocumentRoute = "/api/openapi.json";

    public static void Map(WebApplication app) =>
        app.MapScalarApiReference(Route, options => options
            .WithTitle("VoucherFunctions API reference")
            .WithOpenApiRoutePattern(DocumentRoute)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
}
