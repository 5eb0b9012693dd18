using System.Diagnostics;

namespace VoucherFunctions.DevStorage;

/// <summary>
/// Finds the Azurite pinned by the repository's package.json and installs it with <c>npm ci</c> when it
/// is missing, so a fresh clone needs nothing but the .NET SDK and Node.js.
/// </summary>
internal static class AzuriteInstaller
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string FindRepositoryRoot(string? hint)
    {
        if (hint is not null)
        {
            return hint;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "VoucherFunctions.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException(
            "Cannot find the repository root (a folder holding VoucherFunctions.sln and package.json) above " +
            AppContext.BaseDirectory + ". Set AzuriteOptions.RepositoryRoot.");
    }

    /// <summary>Returns the path of Azurite's entry script, running <c>npm ci</c> first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
        {
            return script;
        }
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            // A second process (another test assembly) may be installing at the same time; npm ci is
            // idempotent, and a file lock serialises the two.
            using var fileLock = await AcquireFileLockAsync(Path.Combine(root, ".azurite-install.lock"), cancellationToken);
            if (!File.Exists(script))
            {
                await RunNpmCiAsync(root, cancellationToken);
            }
        }
        finally
        {
            InstallLock.Release();
        }
        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"npm ci finished but Azurite's entry script is missing: {script}");
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "Azurite is not installed and npm was not found on PATH. Install Node.js (with npm), then run 'npm ci' in the repository root.", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'npm ci' failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
            }
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
