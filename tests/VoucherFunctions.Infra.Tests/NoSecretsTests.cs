namespace VoucherFunctions.Infra.Tests;

/// <summary>Nothing under infra/ (nor the compiled template) holds or fetches a key or a storage connection string.</summary>
public sealed class NoSecretsTests
{
    private static readonly string[] Forbidden =
    [
        "AccountKey=",
        "DefaultEndpointsProtocol=",
        "SharedAccessSignature",
        "SharedAccessKey",
        "UseDevelopmentStorage",
        "listKeys(",
        "listAccountSas",
        "listServiceSas",
        "primaryKey",
        "InstrumentationKey=",
    ];

    [Fact]
    public void No_file_under_infra_holds_a_key_or_connection_string()
    {
        var hits = Infra.Current.InfraFiles()
            .SelectMany(file => Forbidden
                .Where(marker => File.ReadAllText(file).Contains(marker, StringComparison.OrdinalIgnoreCase))
                .Select(marker => $"{Path.GetRelativePath(Infra.Current.RepositoryRoot, file)}: {marker}"))
            .ToList();

        Assert.True(hits.Count == 0, "Keys or connection strings under infra/:\n" + string.Join('\n', hits));
    }

    [Fact]
    public void The_compiled_template_fetches_no_key()
    {
        var json = Infra.Current.Main.ToJsonString();

        foreach (var marker in Forbidden)
        {
            Assert.DoesNotContain(marker, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_scan_sees_the_infra_files()
    {
        var names = Infra.Current.InfraFiles().Select(Path.GetFileName).ToList();

        Assert.Contains("main.bicep", names);
        Assert.Contains("main.parameters.json", names);
        Assert.Contains("storage.bicep", names);
    }
}
