using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VoucherFunctions.DevStorage;

/// <summary>
/// A running Azurite bound to 127.0.0.1 on free ports. Dispose stops it; if this process dies first,
/// the supervisor script sees its stdin close and exits too.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // The well-known development account every Azurite accepts; not a secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteServer(Process process, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>A connection string for the three services of this instance.</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>A connection string for an Azurite (or something that forwards to one) on these loopback ports.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public static async Task<AzuriteServer> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        var root = AzuriteInstaller.FindRepositoryRoot(options.RepositoryRoot);
        var entry = await AzuriteInstaller.EnsureInstalledAsync(root, cancellationToken);

        // A port picked here can be taken by someone else before Azurite binds it; try a few times.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(entry, options, FreePort(), FreePort(), FreePort());
            try
            {
                await server.WaitUntilListeningAsync(options.StartTimeout, cancellationToken);
                return server;
            }
            catch (Exception) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static AzuriteServer Launch(string entry, AzuriteOptions options, int blob, int queue, int table)
    {
        var supervisor = Path.Combine(AppContext.BaseDirectory, "azurite-supervised.js");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            supervisor, entry,
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }
        if (options.InMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            var location = options.DataDirectory ?? throw new ArgumentException("DataDirectory is required when InMemory is false.", nameof(options));
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js ('node') was not found on PATH; it is needed to run Azurite.", ex);
        }
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AzuriteServer(process, output, blob, queue, table);
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsConnectionAsync(port, cancellationToken))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening:\n{Output}");
                }
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {timeout}:\n{Output}");
                }
                await Task.Delay(50, cancellationToken);
            }
        }
        // A port another listener took answers too, while Azurite fails to bind it and exits: refuse if it already has.
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} though its ports answered (one is someone else's):\n{Output}");
        }
    }

    private string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    private static async Task<bool> AcceptsConnectionAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
