using System.ComponentModel.DataAnnotations;

namespace VoucherFunctions.Http.Auth;

/// <summary>
/// How bearer tokens are validated (section <c>Auth</c>): issuer and audience always; signing keys either from
/// a base64 symmetric <see cref="SigningKey"/> (local host and tests) or from OpenID Connect metadata at
/// <see cref="MetadataAddress"/> (Entra ID in Azure). Exactly one of the two.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>Shortest symmetric key accepted (HS256 wants at least 256 bits).</summary>
    public const int MinSigningKeyBytes = 32;

    [Required]
    public string? Issuer { get; set; }

    [Required]
    public string? Audience { get; set; }

    /// <summary>Base64 HMAC key, at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect metadata document, e.g. https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Allowed clock difference when checking lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasKey = !string.IsNullOrWhiteSpace(SigningKey);
        var hasMetadata = !string.IsNullOrWhiteSpace(MetadataAddress);
        if (hasKey == hasMetadata)
        {
            yield return new ValidationResult("Set exactly one of Auth:SigningKey (base64 symmetric key) and Auth:MetadataAddress (OpenID Connect metadata).");
            yield break;
        }

        if (hasKey && (!TryDecodeKey(SigningKey!, out var bytes) || bytes.Length < MinSigningKeyBytes))
        {
            yield return new ValidationResult($"Auth:SigningKey must be base64 of at least {MinSigningKeyBytes} bytes.", [nameof(SigningKey)]);
        }

        if (hasMetadata && (!Uri.TryCreate(MetadataAddress, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Auth:MetadataAddress must be an absolute https URL.", [nameof(MetadataAddress)]);
        }
    }

    public static bool TryDecodeKey(string key, out byte[] bytes)
    {
        bytes = new byte[key.Length];
        return Convert.TryFromBase64String(key, bytes, out var written) && (bytes = bytes[..written]).Length > 0;
    }
}
