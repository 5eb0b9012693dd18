namespace VoucherFunctions.Infra.Tests;

/// <summary>The Bicep compiles and lints without a single warning (the same rule as infra/check.sh in CI).</summary>
public sealed class BicepCompilerTests
{
    public static TheoryData<string> BicepFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Infra.Current.InfraFiles().Where(f => f.EndsWith(".bicep", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Infra.Current.RepositoryRoot, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void Main_compiles_to_an_arm_template_without_warnings()
    {
        var (exitCode, output, error) = Infra.Current.RunBicep("build", "infra/main.bicep", "--stdout");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(": Warning ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(": Error ", error, StringComparison.Ordinal);
        Assert.Contains("deploymentTemplate.json", output, StringComparison.Ordinal);
        Assert.Equal("subscription", TargetScope());
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Every_bicep_file_lints_clean(string file)
    {
        var (exitCode, output, error) = Infra.Current.RunBicep("lint", file);

        Assert.True(exitCode == 0 && !(output + error).Contains(": Warning ", StringComparison.Ordinal),
            $"bicep lint {file} (exit {exitCode}):\n{output}{error}");
    }

    [Fact]
    public void The_linter_is_configured_and_warns()
    {
        var config = File.ReadAllText(Path.Combine(Infra.Current.InfraDirectory, "bicepconfig.json"));

        Assert.Contains("\"no-hardcoded-env-urls\": { \"level\": \"warning\" }", config, StringComparison.Ordinal);
        Assert.Contains("\"no-unused-params\": { \"level\": \"warning\" }", config, StringComparison.Ordinal);
    }

    private static string? TargetScope() =>
        Infra.Str(Infra.Current.Main["$schema"]) is { } schema && schema.Contains("subscriptionDeploymentTemplate", StringComparison.Ordinal)
            ? "subscription"
            : null;
}
