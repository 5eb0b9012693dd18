using System.Net;
using System.Net.Sockets;
using VoucherFunctions.DevStorage;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// Three loopback ports (blob, queue, table) that stay bound for a whole test and forward each connection to the
/// Azurite routed to, or reset it at once while none is: storage that goes away and comes back without giving up its
/// ports. Stopping an Azurite and starting another on the same ports let a test running beside it take a freed port
/// in between, and the "returned" storage was then partly someone else's.
/// </summary>
public sealed class StorageFront : IAsyncDisposable
{
    private readonly TcpListener[] _listeners;
    private readonly CancellationTokenSource _stopping = new();
    // Read once: a connection accepted as the front is disposed still links to it (a disposed source's Token throws).
    private readonly CancellationToken _stopped;
    private readonly Task[] _accepting;
    private readonly object _gate = new();
    private AzuriteServer? _target;
    private CancellationTokenSource _route = new();

    public StorageFront()
    {
        _stopped = _stopping.Token;
        _listeners = [.. Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0))];
        foreach (var listener in _listeners)
        {
            listener.Start();
        }
        _accepting = [.. _listeners.Select((listener, service) => Task.Run(() => AcceptAsync(listener, service)))];
    }

    public string ConnectionString => AzuriteServer.ConnectionStringFor(Port(0), Port(1), Port(2));

    /// <summary>Sends new connections to <paramref name="target"/> (none: reset them) and cuts every open one.</summary>
    public void RouteTo(AzuriteServer? target)
    {
        CancellationTokenSource cut;
        lock (_gate)
        {
            _target = target;
            cut = _route;
            _route = new CancellationTokenSource();
        }
        cut.Cancel();
        cut.Dispose();
    }

    private int Port(int service) => ((IPEndPoint)_listeners[service].LocalEndpoint).Port;

    private async Task AcceptAsync(TcpListener listener, int service)
    {
        while (!_stopped.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopped);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(client, service));
        }
    }

    private async Task ForwardAsync(Socket client, int service)
    {
        AzuriteServer? target;
        CancellationToken route;
        lock (_gate)
        {
            target = _target;
            route = _route.Token;
        }
        using (client)
        {
            if (target is null)
            {
                // A linger of zero makes Close send RST: the storage client sees a connection it cannot use, as when
                // nothing listens, and goes through its retries.
                client.LingerState = new LingerOption(true, 0);
                return;
            }
            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(route, _stopped);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, service switch { 0 => target.BlobPort, 1 => target.QueuePort, _ => target.TablePort }, cut.Token);
                await using var toServer = new NetworkStream(server, ownsSocket: false);
                await using var toClient = new NetworkStream(client, ownsSocket: false);
                // Either direction ending (or the route being cut) ends the connection.
                await Task.WhenAny(toClient.CopyToAsync(toServer, cut.Token), toServer.CopyToAsync(toClient, cut.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // The connection ends here either way.
            }
            if (route.IsCancellationRequested)
            {
                // The storage behind it went away: reset rather than close in good order.
                client.LingerState = new LingerOption(true, 0);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }
        await Task.WhenAll(_accepting);
        lock (_gate)
        {
            _route.Dispose();
        }
        _stopping.Dispose();
    }
}
