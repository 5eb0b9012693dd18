using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace VoucherFunctions.Webhooks.Outbound;

/// <summary>What an address is, as far as reaching it from the app is concerned.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,

    /// <summary>Cloud instance metadata and platform endpoints (169.254.169.254, Azure's 168.63.129.16, fd00:ec2::254): never reachable.</summary>
    Metadata,

    /// <summary>0.0.0.0, ::, multicast, broadcast and other reserved ranges: never reachable.</summary>
    Reserved,
}

/// <summary>
/// Which addresses webhook deliveries may connect to (SSRF protection): public ones always; loopback and private
/// networks only when a setting allows them; link-local, metadata and reserved ones never. IPv4-mapped, NAT64 and
/// 6to4 IPv6 addresses are judged by the IPv4 address they carry.
/// </summary>
public sealed class OutboundAddressPolicy(IOptions<WebhookOptions> options)
{
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), IPAddress.Parse("168.63.129.16"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254"),
    ];

    public bool Allows(IPAddress address) => Classify(address) switch
    {
        AddressKind.Public => true,
        AddressKind.Loopback => options.Value.AllowLoopback,
        AddressKind.Private => options.Value.AllowPrivateNetworks,
        _ => false,
    };

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } v4)
        {
            return Classify(v4);
        }

        if (MetadataAddresses.Any(m => m.Equals(address)))
        {
            return AddressKind.Metadata;
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    private static AddressKind ClassifyV4(byte[] b) => b switch
    {
        [127, ..] => AddressKind.Loopback,
        [10, ..] or [192, 168, ..] => AddressKind.Private,
        [172, var x, ..] when x is >= 16 and <= 31 => AddressKind.Private,
        [100, var x, ..] when x is >= 64 and <= 127 => AddressKind.Private, // carrier-grade NAT
        [169, 254, ..] => AddressKind.LinkLocal,
        [0, ..] or [192, 0, 0, _] or [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => AddressKind.Reserved,
        [198, var x, ..] when x is 18 or 19 => AddressKind.Reserved, // benchmarking
        [var x, ..] when x >= 224 => AddressKind.Reserved, // multicast, class E, broadcast
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (IPAddress.IPv6Loopback.Equals(address))
        {
            return AddressKind.Loopback;
        }

        var b = address.GetAddressBytes();
        return b switch
        {
            _ when IPAddress.IPv6None.Equals(address) => AddressKind.Reserved, // ::
            [0xfe, var x, ..] when (x & 0xc0) == 0x80 => AddressKind.LinkLocal, // fe80::/10
            [0xfe, var x, ..] when (x & 0xc0) == 0xc0 => AddressKind.Private, // fec0::/10, deprecated site-local
            [var x, ..] when (x & 0xfe) == 0xfc => AddressKind.Private, // fc00::/7
            [0xff, ..] => AddressKind.Reserved, // multicast
            [0x20, 0x01, 0x0d, 0xb8, ..] => AddressKind.Reserved, // documentation
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => AddressKind.Reserved, // IPv4-compatible (deprecated)
            _ => AddressKind.Public,
        };
    }

    /// <summary>The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return b is [0x20, 0x02, ..] ? new IPAddress(b.AsSpan(2, 4)) : null;
    }
}
