using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using VoucherFunctions.Domain.Errors;

namespace VoucherFunctions.Webhooks.Outbound;

/// <summary>
/// Checks a webhook URL when it is registered or changed: absolute https (http only where allowed), no user info,
/// and every address its host resolves to allowed by <see cref="OutboundAddressPolicy"/>. The same policy is applied
/// again to the address each delivery actually connects to (<see cref="GuardedConnector"/>), because a name's
/// addresses can change after registration (DNS rebinding).
/// </summary>
public sealed class WebhookUrlGuard(OutboundAddressPolicy policy, IHostAddressResolver resolver, IOptions<WebhookOptions> options)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The parsed URL; throws <see cref="ErrorCodes.WebhookUrlInvalid"/> or <see cref="ErrorCodes.WebhookUrlRefused"/>.</summary>
    public async Task<Uri> CheckAsync(string url, CancellationToken cancellationToken)
    {
        var uri = Parse(url);
        IPAddress[] addresses;
        if (Literal(uri.Host) is { } literal)
        {
            addresses = [literal];
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            try
            {
                addresses = await resolver.ResolveAsync(uri.IdnHost, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new DomainException(ErrorCodes.WebhookUrlRefused, $"The host '{uri.IdnHost}' does not resolve.");
            }
        }

        if (addresses.Length == 0)
        {
            throw new DomainException(ErrorCodes.WebhookUrlRefused, $"The host '{uri.IdnHost}' does not resolve.");
        }

        if (addresses.FirstOrDefault(a => !policy.Allows(a)) is { } refused)
        {
            throw new DomainException(ErrorCodes.WebhookUrlRefused, Refusal(uri.IdnHost, refused));
        }

        return uri;
    }

    /// <summary>Checks the form only (scheme, host, user info): also before each delivery, in case a setting changed since.</summary>
    public Uri Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.IsFile || uri.IsUnc)
        {
            throw new DomainException(ErrorCodes.WebhookUrlInvalid, "The URL is not an absolute URL with a host.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && options.Value.AllowHttp))
        {
            throw new DomainException(ErrorCodes.WebhookUrlInvalid, "Webhook URLs are https.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new DomainException(ErrorCodes.WebhookUrlInvalid, "A webhook URL carries no user name or password; authenticate deliveries by their signature.");
        }

        return uri;
    }

    /// <summary>Why <paramref name="address"/> may not be reached.</summary>
    public static string Refusal(string host, IPAddress address)
    {
        var kind = OutboundAddressPolicy.Classify(address) switch
        {
            AddressKind.Loopback => "a loopback address",
            AddressKind.Private => "a private network address",
            AddressKind.LinkLocal => "a link-local address",
            AddressKind.Metadata => "a cloud metadata address",
            _ => "a reserved address",
        };
        return Equals(Literal(host), address) ? $"{address} is {kind}: webhooks may not be sent there." : $"'{host}' resolves to {address}, {kind}: webhooks may not be sent there.";
    }

    /// <summary>The address when <paramref name="host"/> is an IP literal ("[::1]" included).</summary>
    public static IPAddress? Literal(string host) => IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address : null;
}
