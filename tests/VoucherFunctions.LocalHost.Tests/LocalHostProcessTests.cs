using System.Diagnostics;
using System.Net;
using VoucherFunctions.DevStorage;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// README's run command as a person uses it: the local host program starts its own Azurite, answers health,
/// and on Ctrl+C (SIGINT) stops within seconds leaving no process behind.
/// </summary>
public sealed class LocalHostProcessTests
{
    [Fact]
    public async Task The_local_host_program_serves_health_and_leaves_no_process_after_ctrl_c()
    {
        var port = AzuriteServer.FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "voucher-localhost-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "VoucherFunctions.LocalHost.dll"), "--Url", $"http://127.0.0.1:{port}", "--AzuriteDataDirectory", dataDirectory })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var healthy = Stopwatch.StartNew();
            HttpStatusCode? status = null;
            while (healthy.Elapsed < TimeSpan.FromSeconds(90) && status != HttpStatusCode.OK && !process.HasExited)
            {
                try
                {
                    status = (await http.GetAsync("/api/health")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotEmpty(ProcessesMentioning(dataDirectory));

            Signal(process.Id, "INT");
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(stopped.Token);

            await Eventually.TrueAsync(() => ProcessesMentioning(dataDirectory).Count == 0, TimeSpan.FromSeconds(5));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            foreach (var leftover in ProcessesMentioning(dataDirectory))
            {
                Signal(leftover, "KILL");
            }
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is in the temp directory.
            }
        }
    }

    private static void Signal(int pid, string signal) => Process.Start("kill", $"-{signal} {pid}")!.WaitForExit();

    /// <summary>Processes whose command line names the folder (Azurite is started with --location there).</summary>
    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
