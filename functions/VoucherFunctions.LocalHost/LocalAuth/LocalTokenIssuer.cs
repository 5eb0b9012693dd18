using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VoucherFunctions.LocalHost.LocalAuth;

/// <summary>
/// The local stand-in for Entra ID: a symmetric signing key (generated when none is configured) and the
/// issuer and audience the app is configured with, so tokens minted here pass the app's own validation.
/// Local host and tests only; the Azure app validates Entra ID tokens from OpenID metadata instead.
/// </summary>
public sealed class LocalTokenIssuer
{
    public const string DefaultIssuer = "https://local.voucher-functions.test/";
    public const string DefaultAudience = "api://voucher-functions";

    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new();

    public LocalTokenIssuer(string? signingKey = null, string issuer = DefaultIssuer, string audience = DefaultAudience, string? vendorKeyEncryptionKey = null)
    {
        VendorKeyEncryptionKey = string.IsNullOrWhiteSpace(vendorKeyEncryptionKey) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : vendorKeyEncryptionKey;
        SigningKey = string.IsNullOrWhiteSpace(signingKey) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : signingKey;
        Issuer = issuer;
        Audience = audience;
        _credentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)), SecurityAlgorithms.HmacSha256);
    }

    public string SigningKey { get; }

    public string Issuer { get; }

    public string Audience { get; }

    /// <summary>The Auth settings the app must run with to accept these tokens.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = SigningKey,
        ["VendorApi:KeyEncryptionKey"] = VendorKeyEncryptionKey,
    };

    /// <summary>Encrypts partner API keys at rest (VendorApi:KeyEncryptionKey): generated when none is given, like the signing key.</summary>
    public string VendorKeyEncryptionKey { get; }

    public string Mint(TokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = request.Subject ?? $"{request.PartnerId ?? "vendor"}-{string.Join("+", request.Roles)}", ["roles"] = request.Roles.ToArray() };
        Add(claims, "partner_id", request.PartnerId);
        Add(claims, "customer_uin", request.CustomerUin);
        Add(claims, "distributor_id", request.DistributorId);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = request.Issuer ?? Issuer,
            Audience = request.Audience ?? Audience,
            Claims = claims,
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now + (request.Lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = request.SigningCredentials ?? _credentials,
        });
    }

    private static void Add(Dictionary<string, object> claims, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims[name] = value;
        }
    }
}

/// <summary>What to put in a minted token. Issuer, audience, lifetime and credentials can be overridden to make bad tokens in tests.</summary>
public sealed record TokenRequest(IReadOnlyList<string> Roles, string? PartnerId = null, string? CustomerUin = null, string? DistributorId = null, string? Subject = null)
{
    public TimeSpan? Lifetime { get; init; }

    public string? Issuer { get; init; }

    public string? Audience { get; init; }

    public SigningCredentials? SigningCredentials { get; init; }
}
