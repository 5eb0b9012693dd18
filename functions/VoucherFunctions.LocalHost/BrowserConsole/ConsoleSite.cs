using System.Text.Json;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace VoucherFunctions.LocalHost.BrowserConsole;

/// <summary>
/// GET /console/…: the browser console (the repository's console/ folder, copied next to this program)
/// as static files, with the response headers of its staticwebapp.config.json — the same
/// Content-Security-Policy the Azure Static Web App sends. config.json is the local host's own: sign-in
/// through POST /local/tokens, API on this origin.
/// </summary>
public static class ConsoleSite
{
    public const string Route = "/console";

    private const string LocalConfig = """{"signIn":"local","apiBaseUrl":""}""";

    public static void Map(WebApplication app, string? root = null)
    {
        root ??= Path.Combine(AppContext.BaseDirectory, "console");
        var config = Path.Combine(root, "staticwebapp.config.json");
        if (!File.Exists(config))
        {
            // A build without the console's files (they are copied next to the program) still serves the API.
            app.MapGet(Route + "/{**path}", () => Results.Problem(statusCode: 404, title: "Not Found", detail: $"The console's files are not in {root}; build the local host project."));
            return;
        }

        var files = new PhysicalFileProvider(root);
        var headers = GlobalHeaders(config);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript";

        app.MapMethods(Route + "/{**path}", ["GET", "HEAD"], (HttpContext context, string? path) =>
        {
            if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            {
                // Relative module and stylesheet URLs need the trailing slash.
                return Results.Redirect(Route + "/");
            }

            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            path = string.IsNullOrEmpty(path) ? "index.html" : path;
            if (path == "config.json")
            {
                return Results.Content(LocalConfig, "application/json");
            }

            var file = files.GetFileInfo(path);
            if (!file.Exists || file.IsDirectory || file.PhysicalPath is null || !types.TryGetContentType(path, out var type))
            {
                return Results.NotFound();
            }

            return Results.File(file.PhysicalPath, type);
        });
    }

    /// <summary>The globalHeaders of staticwebapp.config.json: one source for Azure and the local host.</summary>
    public static IReadOnlyDictionary<string, string> GlobalHeaders(string configPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(configPath));
        return document.RootElement.GetProperty("globalHeaders").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
