using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace VoucherFunctions.Infra.Tests;

/// <summary>
/// The repository's infra/ folder and its Bicep compiled to ARM JSON once per test run, with the compiler
/// restored from NuGet (Azure.Bicep.CommandLine.linux-x64). Assertions read the compiled JSON, not the text.
/// </summary>
public sealed class Infra
{
    private static readonly Lazy<Infra> Instance = new(() => new Infra());

    public static Infra Current => Instance.Value;

    public string RepositoryRoot { get; }
    public string InfraDirectory => Path.Combine(RepositoryRoot, "infra");
    public string BicepPath { get; }

    /// <summary>infra/main.bicep compiled (subscription scope; modules are nested deployments).</summary>
    public JsonObject Main { get; }

    private Infra()
    {
        RepositoryRoot = FindRepositoryRoot();
        BicepPath = FindBicep();
        var result = RunBicep("build", Path.Combine(InfraDirectory, "main.bicep"), "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({result.ExitCode}):\n{result.Error}");
        }

        Main = JsonNode.Parse(result.Output)!.AsObject();
    }

    public (int ExitCode, string Output, string Error) RunBicep(params string[] arguments)
    {
        var start = new ProcessStartInfo(BicepPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 2 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The nested deployment (module) of main.bicep with this name.</summary>
    public JsonObject Module(string name) =>
        Resources(Main).SingleOrDefault(r => Str(r["type"]) == "Microsoft.Resources/deployments" && Str(r["name"]) == name)
        ?? throw new InvalidOperationException($"main.bicep has no module deployment named '{name}'");

    public static JsonObject Template(JsonObject module) => module["properties"]!["template"]!.AsObject();

    public static JsonNode? ModuleParameter(JsonObject module, string name) => module["properties"]!["parameters"]![name]?["value"];

    public static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            // Symbolic-name templates keep resources in an object.
            JsonObject map => map.Select(r => r.Value!.AsObject()),
            _ => [],
        };

    public static IEnumerable<JsonObject> ResourcesOfType(JsonObject template, string type) =>
        Resources(template).Where(r => string.Equals(Str(r["type"]), type, StringComparison.OrdinalIgnoreCase));

    public static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public IEnumerable<string> InfraFiles() =>
        Directory.EnumerateFiles(InfraDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string FindRepositoryRoot()
    {
        var fromBuild = Metadata("RepositoryRoot");
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, "infra", "main.bicep")))
        {
            return fromBuild;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "infra", "main.bicep")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("infra/main.bicep not found above the test assembly");
    }

    private static string FindBicep()
    {
        var path = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Metadata("BicepPath");
        }

        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep compiler was not found at '{path}'. It comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 " +
                "(restored with this project); elsewhere set BICEP_PATH.");
        }

        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static string? Metadata(string key) =>
        typeof(Infra).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
