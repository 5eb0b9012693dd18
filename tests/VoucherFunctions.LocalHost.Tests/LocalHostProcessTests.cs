using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using VoucherFunctions.DevStorage;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// README's run command as a person uses it in a terminal: the local host program starts its own Azurite,
/// prints a storage connection string a billing engineer can drop a bill with, and on Ctrl+C — which the
/// terminal sends to the whole foreground process group, Azurite's node process included — stops within
/// seconds, with exit code 0, no error output, and no process left behind.
/// </summary>
public sealed class LocalHostProcessTests
{
    [Fact]
    public async Task The_program_prints_a_connection_string_that_takes_a_bill_and_stops_cleanly_when_its_process_group_gets_ctrl_c()
    {
        var port = AzuriteServer.FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "voucher-localhost-" + Guid.NewGuid().ToString("N"));
        // setsid: a process group of its own, as a terminal gives a foreground job, so the test can signal the group.
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Telemetry as README "Telemetry" says to see it locally: any OTLP receiver (here one the test runs).
        using var collector = new OtlpCollector();
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint;
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        start.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        start.Environment["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        foreach (var arg in new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "VoucherFunctions.LocalHost.dll"), "--Url", $"http://127.0.0.1:{port}", "--AzuriteDataDirectory", dataDirectory })
        {
            start.ArgumentList.Add(arg);
        }
        var output = new List<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.Add("out: " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Add("err: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForHealthAsync(process, port, () => string.Join('\n', Lines(output)));
            var processGroup = ProcessGroupOf(process.Id);
            Assert.Equal(process.Id, processGroup);
            Assert.NotEmpty(ProcessesMentioning(dataDirectory));

            // The banner's connection string reaches the local host's Azurite: a consumer of outcomes that starts
            // before any bill finds its queue, and a bill sent with the official client gets its outcome.
            string? ConnectionLine() => Lines(output).Select(l => l["out: ".Length..].Trim()).FirstOrDefault(l => l.StartsWith("connection:", StringComparison.Ordinal));
            await Eventually.TrueAsync(() => ConnectionLine() is not null, TimeSpan.FromSeconds(30));
            var connectionString = ConnectionLine()!["connection:".Length..].Trim();
            var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            var outcomes = new QueueClient(connectionString, "bill-outcomes", options);
            Assert.Empty((await outcomes.ReceiveMessagesAsync(32)).Value);
            var billId = "banner-" + Guid.NewGuid().ToString("N")[..12];
            await new QueueClient(connectionString, "bills", options).SendMessageAsync(BinaryData.FromString(
                $$"""{"version":1,"billId":"{{billId}}","partnerId":"p-nobody","payerKind":"partner","customerUin":"100000000001","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"1","productCode":"cvm","paymentMode":"postpaid","amount":"1.00"}]}"""));
            await Eventually.TrueAsync(async () => (await outcomes.PeekMessagesAsync(32)).Value
                .Any(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("billId").GetString() == billId), TimeSpan.FromSeconds(30));

            // The banner says where telemetry goes, and the bill's traces, the metrics and the rejection's log line get there.
            Assert.Contains(Lines(output), l => l.Contains("telemetry:", StringComparison.Ordinal) && l.Contains($"OTLP at {collector.Endpoint}", StringComparison.Ordinal));
            await Eventually.TrueAsync(() => collector.Received("traces") && collector.Received("metrics") && collector.Received("logs"), TimeSpan.FromSeconds(30));

            Signal(-processGroup, "INT");
            var stopping = Stopwatch.StartNew();
            using (var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            {
                await process.WaitForExitAsync(stopped.Token);
            }

            // Measured 3-5 s here (it was 31 s, ending in a crit stack trace); the host's shutdown timeout is 3 s.
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(8), $"Stopping took {stopping.Elapsed}.");
            Assert.Equal(0, process.ExitCode);
            var lines = Lines(output);
            Assert.DoesNotContain(lines, l => l.Contains("crit", StringComparison.OrdinalIgnoreCase) || l.Contains("fail:", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Stopped.", StringComparison.Ordinal));
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

    private static async Task WaitForHealthAsync(Process process, int port, Func<string> output)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var waited = Stopwatch.StartNew();
        HttpStatusCode? status = null;
        while (waited.Elapsed < TimeSpan.FromSeconds(90) && status != HttpStatusCode.OK && !process.HasExited)
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
        Assert.True(status == HttpStatusCode.OK, $"Health answered {status}; the program {(process.HasExited ? "exited" : "runs")}. Output:\n{output()}");
    }

    private static List<string> Lines(List<string> output)
    {
        lock (output)
        {
            return [.. output];
        }
    }

    private static void Signal(int pidOrNegativeGroup, string signal) => Process.Start("kill", $"-{signal} -- {pidOrNegativeGroup}")!.WaitForExit();

    /// <summary>The process group id: field 5 of /proc/{pid}/stat (after the parenthesised command name).</summary>
    private static int ProcessGroupOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

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
