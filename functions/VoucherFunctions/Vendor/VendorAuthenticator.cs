using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.ApiKeys;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Vendor.Signing;

namespace VoucherFunctions.Vendor;

/// <summary>A verified request: the key it was signed with, and the signature (for the replay check).</summary>
public sealed record VendorCaller(ApiKey Key, string Signature, long Timestamp);

/// <summary>
/// Verifies a TC3-HMAC-SHA256 request exactly as the vendor's SDKs sign it: the Authorization header's
/// credential scope (its date must be the UTC day of <c>X-TC-Timestamp</c>; its service the vendor's
/// <c>intlpartnersmgt</c> or what the Node SDK derives from an endpoint such as <c>127.0.0.1:7071/api/vendor</c>),
/// the timestamp within <see cref="Window"/> of now, every signed header present (content-type and host at
/// least), and the signature recomputed from the stored SecretKey and compared in constant time. The Node SDK
/// signs the host without its port, other SDKs with it: both are accepted, for the Host header and for the
/// X-Forwarded-Host a proxy in front of the worker sets.
/// </summary>
public sealed partial class VendorAuthenticator(IApiKeyStore keys, SecretKeyProtector protector, TimeProvider clock, ILogger<VendorAuthenticator> logger)
{
    public const string Service = "intlpartnersmgt";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public async Task<VendorCaller> AuthenticateAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Tc3Authorization.TryParse(request.Headers.Authorization.ToString(), out var auth))
        {
            throw new VendorException(VendorErrorCodes.InvalidAuthorization,
                "The Authorization header must be TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=<names>, Signature=<hex> (in the SDK, set the client profile's signMethod to TC3-HMAC-SHA256).");
        }

        var timestamp = Timestamp(request);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > Window.TotalSeconds)
        {
            throw new VendorException(VendorErrorCodes.SignatureExpire, $"The request timestamp {timestamp} is more than {Window.TotalMinutes:0} minutes from the server time {now}; check the client's clock and sign again.");
        }

        if (auth!.Date != Tc3Signer.DateOf(timestamp))
        {
            throw new VendorException(VendorErrorCodes.SignatureFailure, $"The credential date {auth.Date} is not the UTC date of X-TC-Timestamp ({Tc3Signer.DateOf(timestamp)}).");
        }

        if (auth.Service != Service && !SentHosts(request).Any(host => auth.Service == SdkDerivedService(host, request)))
        {
            throw new VendorException(VendorErrorCodes.SignatureFailure, $"The credential scope names service `{auth.Service}`; expected `{Service}`.");
        }

        var names = auth.SignedHeaderNames;
        if (!names.Contains("content-type") || !names.Contains("host") || names.Any(n => n.Length == 0 || n != n.ToLowerInvariant() || (n != "host" && !request.Headers.ContainsKey(n))))
        {
            throw new VendorException(VendorErrorCodes.SignatureFailure, "SignedHeaders must name content-type and host, in lowercase, and only headers the request carries.");
        }

        var stored = await keys.FindAsync(auth.SecretId, cancellationToken);
        if (stored is null || !stored.Value.IsEnabled)
        {
            throw new VendorException(VendorErrorCodes.SecretIdNotFound, "The SecretId is not found or is disabled; check the key in the partner API keys.");
        }

        var secretKey = protector.Unprotect(stored.Value.SecretId, stored.Value.ProtectedSecretKey);
        if (secretKey is null)
        {
            LogUndecryptable(logger, stored.Value.SecretId, stored.Value.PartnerId);
            throw new VendorException(VendorErrorCodes.InternalError, "The key could not be read; the operator has been told.");
        }

        var presented = Encoding.ASCII.GetBytes(auth.Signature);
        var matched = false;
        foreach (var host in HostCandidates(request))
        {
            var expected = Encoding.ASCII.GetBytes(Expected(request, body, auth, names, host, timestamp, secretKey));
            matched |= CryptographicOperations.FixedTimeEquals(expected, presented);
        }

        return matched
            ? new VendorCaller(stored.Value, auth.Signature, timestamp)
            : throw new VendorException(VendorErrorCodes.SignatureFailure, "The signature does not match; check the SecretKey and that the signed request is sent unchanged.");
    }

    private static string Expected(HttpRequest request, ReadOnlyMemory<byte> body, Tc3Authorization auth, IReadOnlyList<string> names, string host, long timestamp, string secretKey)
    {
        // Canonical header values are trimmed and lowercased (the vendor's rule; the SDKs send lowercase values anyway).
        var values = names.Select(n => KeyValuePair.Create(n, (n == "host" ? host : request.Headers[n].ToString()).Trim().ToLowerInvariant())).ToList();
        var path = request.PathBase.Add(request.Path).ToUriComponent();
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        var canonical = Tc3Signer.CanonicalRequest(request.Method.ToUpperInvariant(), path, query, values, auth.SignedHeaders, body.Span);
        return Tc3Signer.Signature(secretKey, auth.Date, auth.Service, Tc3Signer.StringToSign(timestamp, auth.Date, auth.Service, canonical));
    }

    private static long Timestamp(HttpRequest request)
    {
        var text = request.Headers["X-TC-Timestamp"].ToString();
        if (text.Length == 0)
        {
            throw new VendorException(VendorErrorCodes.MissingParameter, "The header X-TC-Timestamp is missing.");
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            ? t
            : throw new VendorException(VendorErrorCodes.InvalidParameter, "The header X-TC-Timestamp must be Unix seconds.");
    }

    // Node SDK: host = new URL(url).hostname (no port); Python, Go, Java: the endpoint as configured (with a port if it has one).
    private static IEnumerable<string> HostCandidates(HttpRequest request) =>
        SentHosts(request).SelectMany(h => new[] { new HostString(h).Host, h }).Distinct(StringComparer.Ordinal);

    // The Host header, and the host the client sent when a proxy replaced it: the Azure Functions host forwards
    // HTTP requests to the worker with YARP's default transformer, which "removes the original Host value" and
    // adds X-Forwarded-Host (yarp src/ReverseProxy/Forwarder/HttpTransformer.cs; azure-functions-host
    // src/WebJobs.Script.Grpc/Server/DefaultHttpProxyService.cs calls SendAsync without a transformer). A client
    // choosing that header gains nothing: the signature still needs the SecretKey.
    private static IEnumerable<string> SentHosts(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
        return forwarded.Length == 0 ? [request.Host.Value ?? string.Empty] : [request.Host.Value ?? string.Empty, forwarded];
    }

    // The Node SDK signs with service = endpoint.split('.')[0], the endpoint being what precedes the path "/".
    private static string SdkDerivedService(string host, HttpRequest request) =>
        (host + request.PathBase.Add(request.Path).ToUriComponent().TrimEnd('/')).Split('.')[0];

    [LoggerMessage(EventId = 1701, Level = LogLevel.Error, Message = "API key {SecretId} of partner {PartnerId} does not decrypt: VendorApi:KeyEncryptionKey changed?")]
    private static partial void LogUndecryptable(ILogger logger, string secretId, string partnerId);
}
