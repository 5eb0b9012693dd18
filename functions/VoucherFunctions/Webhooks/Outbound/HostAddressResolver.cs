using System.Net;

namespace VoucherFunctions.Webhooks.Outbound;

/// <summary>Resolves a host name to its addresses (DNS). A port so tests can make a name resolve to a private address.</summary>
public interface IHostAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsHostAddressResolver : IHostAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
