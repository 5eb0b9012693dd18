using System.Diagnostics;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// `dotnet run --project functions/VoucherFunctions.LocalHost` builds the app, whose Functions SDK restores a
/// generated WorkerExtensions project without Directory.Build.props: its NU1603 warnings (the feed serves only
/// some versions) came before the banner, sixteen of them, on every run.
/// </summary>
public sealed class WorkerExtensionsRestoreTests
{
    [Fact]
    public async Task Restoring_the_apps_worker_extensions_prints_no_NU1603_warning()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var arg in new[] { "msbuild", Path.Combine(root, "functions", "VoucherFunctions", "VoucherFunctions.csproj"), "-t:_WorkerExtensionsRestore", "-nologo", "-v:m" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 0, output);
        Assert.DoesNotContain("NU1603", output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VoucherFunctions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside a clone of the repository.");
    }
}
