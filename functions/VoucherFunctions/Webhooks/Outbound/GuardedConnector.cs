using System.Net;
using System.Net.Sockets;

namespace VoucherFunctions.Webhooks.Outbound;

/// <summary>An address a delivery was about to connect to and may not (see <see cref="OutboundAddressPolicy"/>).</summary>
public sealed class OutboundAddressRefusedException(string message) : IOException(message);

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of webhook deliveries: resolves the host itself and connects
/// only to addresses the policy allows, so a name that resolved to a public address at registration and to
/// 127.0.0.1 now (DNS rebinding) is refused at the moment of connecting.
/// </summary>
public sealed class GuardedConnector(OutboundAddressPolicy policy, IHostAddressResolver resolver)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses = WebhookUrlGuard.Literal(host) is { } literal ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(policy.Allows).ToArray();
        if (allowed.Length == 0)
        {
            throw new OutboundAddressRefusedException(addresses.Length == 0 ? $"'{host}' does not resolve." : WebhookUrlGuard.Refusal(host, addresses[0]));
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
