namespace VoucherFunctions.LocalHost.Reference;

/// <summary>
/// GET /reference: a browsable page of the app's OpenAPI document (/api/openapi.json). Self-contained
/// (inline script and style, no CDN), so it works offline.
/// </summary>
public static class ApiReferencePage
{
    public const string Route = "/reference";

    public static void Map(WebApplication app)
    {
        app.MapGet(Route, () => Results.Content(ReferenceHtml.Page, "text/html; charset=utf-8"));
    }
}
