using System.Diagnostics;
using Azure.Storage.Queues;
using VoucherFunctions.DevStorage;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// A local host killed mid-way (SIGKILL, nothing runs on the way out) in a process of its own: the messages it
/// held come back when their short lease ends, not after the fixed 5 minutes the listener used to hold them.
/// </summary>
public sealed class QueueLeaseCrashTests
{
    private const int LeaseSeconds = 3;

    [Fact]
    public async Task After_the_host_is_killed_its_whole_batch_reappears_within_the_lease()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var queue = new QueueClient(azurite.ConnectionString, "slow-items", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        // batchSize in the test functions' host.json is 4: one batch, each function running for ten minutes.
        for (var i = 0; i < 4; i++)
        {
            await queue.SendMessageAsync($"sleep-600000-{i}");
        }

        using var host = StartTestFunctionsHost(azurite.ConnectionString, out var ready);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
            await Eventually.TrueAsync(async () => (await queue.PeekMessagesAsync(32)).Value.Length == 0, TimeSpan.FromSeconds(30));
            // Held for more than two leases: renewed while the functions run, so still hidden.
            await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds * 2 + 1));
            Assert.Empty((await queue.PeekMessagesAsync(32)).Value);

            host.Kill(entireProcessTree: true);
            var killed = Stopwatch.StartNew();
            await Eventually.TrueAsync(async () => (await queue.PeekMessagesAsync(32)).Value.Length == 4, TimeSpan.FromSeconds(60));

            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(LeaseSeconds + 3), $"The batch came back {killed.Elapsed} after the kill; the lease is {LeaseSeconds} s.");
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartTestFunctionsHost(string connectionString, out TaskCompletionSource ready)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "VoucherFunctions.LocalHost.TestFunctions.dll"), connectionString, LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                started.TrySetResult();
            }
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The test functions host exited before it was ready."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ready = started;
        return process;
    }
}
