using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoucherFunctions.Domain.ApiKeys;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Storage;
using VoucherFunctions.Storage.ApiKeys;
using VoucherFunctions.Vendor;
using VoucherFunctions.Vendor.Signing;

namespace VoucherFunctions.Functions.Tests.Vendor;

/// <summary>
/// The TC3-HMAC-SHA256 verification against Authorization headers the vendor SDK's own signer produced for fixed
/// inputs (sdk/tc3-vectors.json, written by sdk/make-tc3-vectors.js), recomputed step by step and through the
/// authenticator with the key stored (encrypted) in the test host's storage.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class Tc3VerificationTests(AppHostFixture app)
{
    public static TheoryData<string> Names() => new(Vectors().Select(v => v.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void The_signer_recomputes_the_sdks_signature(string name)
    {
        var v = Vectors().Single(x => x.Name == name);
        var url = new Uri(v.Url);
        Assert.True(Tc3Authorization.TryParse(v.Authorization, out var auth));
        Assert.Equal(v.SecretId, auth!.SecretId);
        Assert.Equal(v.Service, auth.Service);
        Assert.Equal(Tc3Signer.DateOf(v.Timestamp), auth.Date);

        var canonical = Tc3Signer.CanonicalRequest("POST", url.AbsolutePath, url.Query.TrimStart('?'),
            [KeyValuePair.Create("content-type", v.ContentType), KeyValuePair.Create("host", url.Host)], auth.SignedHeaders, Encoding.UTF8.GetBytes(v.Body));
        var signature = Tc3Signer.Signature(v.SecretKey, auth.Date, auth.Service, Tc3Signer.StringToSign(v.Timestamp, auth.Date, auth.Service, canonical));

        Assert.Equal(v.Authorization, Tc3Signer.AuthorizationHeader(v.SecretId, auth.Date, auth.Service, auth.SignedHeaders, signature));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_authenticator_accepts_the_sdks_request_and_refuses_it_changed_or_late(string name)
    {
        var v = Vectors().Single(x => x.Name == name);
        var (authenticator, clock) = await AuthenticatorWithKeyAsync(v);

        var caller = await authenticator.AuthenticateAsync(Request(v), Encoding.UTF8.GetBytes(v.Body), default);
        Assert.Equal(v.SecretId, caller.Key.SecretId);

        await Refused(VendorErrorCodes.SignatureFailure, authenticator.AuthenticateAsync(Request(v), Encoding.UTF8.GetBytes(v.Body + " "), default));
        await Refused(VendorErrorCodes.SignatureFailure, authenticator.AuthenticateAsync(Request(v, path: "/api/vendor/x"), Encoding.UTF8.GetBytes(v.Body), default));
        await Refused(VendorErrorCodes.SignatureFailure, authenticator.AuthenticateAsync(Request(v, authorization: v.Authorization[..^1] + (v.Authorization[^1] == '0' ? "1" : "0")), Encoding.UTF8.GetBytes(v.Body), default));
        await Refused(VendorErrorCodes.InvalidAuthorization, authenticator.AuthenticateAsync(Request(v, authorization: "HmacSHA256 " + v.Authorization), Encoding.UTF8.GetBytes(v.Body), default));
        await Refused(VendorErrorCodes.SecretIdNotFound, authenticator.AuthenticateAsync(Request(v, authorization: v.Authorization.Replace(v.SecretId, v.SecretId + "X", StringComparison.Ordinal)), Encoding.UTF8.GetBytes(v.Body), default));

        // Behind the Functions host's proxy: the worker sees its own loopback Host and the client's in X-Forwarded-Host.
        var proxied = Request(v);
        proxied.Headers["X-Forwarded-Host"] = proxied.Host.Value;
        proxied.Host = new HostString("127.0.0.1", 49321);
        _ = await authenticator.AuthenticateAsync(proxied, Encoding.UTF8.GetBytes(v.Body), default);

        clock.Now = DateTimeOffset.FromUnixTimeSeconds(v.Timestamp + 300);
        _ = await authenticator.AuthenticateAsync(Request(v), Encoding.UTF8.GetBytes(v.Body), default);
        clock.Now = DateTimeOffset.FromUnixTimeSeconds(v.Timestamp + 301);
        await Refused(VendorErrorCodes.SignatureExpire, authenticator.AuthenticateAsync(Request(v), Encoding.UTF8.GetBytes(v.Body), default));
        clock.Now = DateTimeOffset.FromUnixTimeSeconds(v.Timestamp - 301);
        await Refused(VendorErrorCodes.SignatureExpire, authenticator.AuthenticateAsync(Request(v), Encoding.UTF8.GetBytes(v.Body), default));
    }

    [Fact]
    public void A_protected_secret_key_opens_only_for_its_secret_id_and_encryption_key()
    {
        var protector = Protector("a key-encryption key of at least 32 characters");
        var sealedKey = protector.Protect("AKIDone", "the secret");

        Assert.Equal("the secret", protector.Unprotect("AKIDone", sealedKey));
        Assert.DoesNotContain("the secret", Encoding.UTF8.GetString(sealedKey), StringComparison.Ordinal);
        Assert.Null(protector.Unprotect("AKIDtwo", sealedKey));
        Assert.Null(Protector("another key-encryption key of 32 characters").Unprotect("AKIDone", sealedKey));
        sealedKey[^1] ^= 1;
        Assert.Null(protector.Unprotect("AKIDone", sealedKey));
    }

    private async Task<(VendorAuthenticator, FixedClock)> AuthenticatorWithKeyAsync(Vector v)
    {
        var protector = Protector("tc3 vector tests: a key-encryption key of 32+ characters");
        var table = new LedgerTable(new TableServiceClient(app.Host.StorageConnectionString));
        var store = new TableApiKeyStore(table);
        var partnerId = "p-tc3-" + Guid.NewGuid().ToString("N")[..8];
        if (await store.FindAsync(v.SecretId) is { } existing)
        {
            await store.DeleteAsync(existing.Value.PartnerId, v.SecretId);
        }

        await store.AddAsync(ApiKey.Create(v.SecretId, partnerId, ApiKeyRole.Reseller, null, null, "vector", protector.Protect(v.SecretId, v.SecretKey), "test", DateTimeOffset.UtcNow));
        var clock = new FixedClock { Now = DateTimeOffset.FromUnixTimeSeconds(v.Timestamp) };
        return (new VendorAuthenticator(new TableApiKeyStore(table), protector, clock, NullLogger<VendorAuthenticator>.Instance), clock);
    }

    private static HttpRequest Request(Vector v, string? path = null, string? authorization = null)
    {
        var url = new Uri(v.Url);
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = url.Scheme;
        request.Host = url.IsDefaultPort ? new HostString(url.Host) : new HostString(url.Host, url.Port);
        request.Path = path ?? url.AbsolutePath;
        request.QueryString = new QueryString(url.Query.Length == 0 ? null : url.Query);
        request.ContentType = v.ContentType;
        request.Headers.Authorization = authorization ?? v.Authorization;
        request.Headers["X-TC-Timestamp"] = v.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return request;
    }

    private static async Task Refused(string code, Task<VendorCaller> attempt) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<VendorException>(() => attempt)).Code);

    private static SecretKeyProtector Protector(string key) => new(Options.Create(new VendorOptions { KeyEncryptionKey = key }));

    private static IReadOnlyList<Vector> Vectors()
    {
        var path = Path.Combine(VendorSdk.RepositoryRoot(), "tests", "VoucherFunctions.Functions.Tests", "Vendor", "sdk", "tc3-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").Deserialize<List<Vector>>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    public sealed record Vector(string Name, string Method, string Url, string ContentType, string Body, long Timestamp, string Service, string SecretId, string SecretKey, string Authorization);

    private sealed class FixedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
