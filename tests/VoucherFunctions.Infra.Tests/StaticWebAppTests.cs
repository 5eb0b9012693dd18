using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VoucherFunctions.Infra.Tests;

/// <summary>The console's Static Web App: Standard (linked backends need it), the function app as its /api backend, deployed by azd.</summary>
public sealed class StaticWebAppTests
{
    private static JsonObject Module => Infra.Current.Module("console");
    private static JsonObject Template => Infra.Template(Module);

    [Fact]
    public void The_console_is_a_standard_static_web_app_tagged_for_the_azd_console_service()
    {
        var site = Assert.Single(Infra.ResourcesOfType(Template, "Microsoft.Web/staticSites"));

        Assert.Equal("Standard", Infra.Str(site["sku"]!["name"]));
        Assert.Equal("Disabled", Infra.Str(site["properties"]!["stagingEnvironmentPolicy"]));
        Assert.Equal("console", Infra.Str(Infra.ModuleParameter(Module, "serviceName")));
        Assert.Contains("azd-service-name", Infra.Str(site["tags"]) ?? site["tags"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_is_the_linked_backend()
    {
        var backend = Assert.Single(Infra.ResourcesOfType(Template, "Microsoft.Web/staticSites/linkedBackends"));

        Assert.Equal("[parameters('functionAppId')]", Infra.Str(backend["properties"]!["backendResourceId"]));
        Assert.Contains("functionApp", Infra.Str(Infra.ModuleParameter(Module, "functionAppId")), StringComparison.Ordinal);
        Assert.Contains("outputs.id", Infra.Str(Infra.ModuleParameter(Module, "functionAppId")), StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_deploys_the_console_folder_as_the_console_service()
    {
        var yaml = File.ReadAllText(Path.Combine(Infra.Current.RepositoryRoot, "azure.yaml"));

        Assert.Matches(@"(?m)^  console:\s*\n    project: \./console\s*\n    language: js\s*\n    host: staticwebapp\s*$", yaml);
        Assert.Matches(@"(?m)^        run: \.\./infra/console-config\.sh\s*$", yaml);
        var console = Path.Combine(Infra.Current.RepositoryRoot, "console");
        Assert.True(File.Exists(Path.Combine(console, "index.html")));
        Assert.True(File.Exists(Path.Combine(Infra.Current.RepositoryRoot, "infra", "console-config.sh")));
    }

    [Fact]
    public void The_deployed_console_sends_a_strict_content_security_policy()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Infra.Current.RepositoryRoot, "console", "staticwebapp.config.json")))!;
        var csp = Infra.Str(config["globalHeaders"]!["Content-Security-Policy"])!;

        Assert.Matches(new Regex(@"(^|; )script-src 'self'(;|$)"), csp);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
    }
}
