using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VoucherFunctions.Infra.Tests;

/// <summary>azure.yaml, infra/main.parameters.json and host.json agree with the template and the app.</summary>
public sealed partial class AzdTests
{
    private static string RepositoryFile(string path) => File.ReadAllText(Path.Combine(Infra.Current.RepositoryRoot, path));

    [Fact]
    public void Azure_yaml_deploys_the_function_app_as_the_api_service()
    {
        var yaml = RepositoryFile("azure.yaml");

        Assert.Matches(@"(?m)^services:\s*\n  api:\s*\n", yaml);
        Assert.Matches(@"(?m)^    host: function\s*$", yaml);
        Assert.Matches(@"(?m)^    language: dotnet\s*$", yaml);
        var project = ProjectLine().Match(yaml).Groups["path"].Value;
        Assert.True(File.Exists(Path.Combine(Infra.Current.RepositoryRoot, project, "VoucherFunctions.csproj")), $"azure.yaml project '{project}'");
        Assert.Matches(@"(?m)^  path: infra\s*$", yaml);
    }

    [Fact]
    public void Main_parameters_give_every_required_parameter_and_no_unknown_one()
    {
        var declared = Infra.Current.Main["parameters"]!.AsObject();
        var given = JsonNode.Parse(RepositoryFile("infra/main.parameters.json"))!["parameters"]!.AsObject();

        foreach (var (name, parameter) in declared)
        {
            if (parameter!["defaultValue"] is null)
            {
                Assert.True(given.ContainsKey(name), $"main.parameters.json lacks required parameter '{name}'");
            }
        }

        Assert.All(given.Select(p => p.Key), name => Assert.True(declared.ContainsKey(name), $"main.bicep has no parameter '{name}'"));
        Assert.Equal("${AZURE_ENV_NAME}", Infra.Str(given["environmentName"]!["value"]));
        Assert.Equal("${AZURE_LOCATION}", Infra.Str(given["location"]!["value"]));
    }

    [Fact]
    public void Host_json_names_the_durable_task_hub()
    {
        var host = JsonNode.Parse(RepositoryFile("host.json"))!;

        Assert.Equal("VoucherFunctions", Infra.Str(host["extensions"]!["durableTask"]!["hubName"]));
    }

    [GeneratedRegex(@"(?m)^    project: (?:\./)?(?<path>\S+?)/?\s*$")]
    private static partial Regex ProjectLine();
}
