using System.ComponentModel.DataAnnotations;

namespace VoucherFunctions.Vendor;

/// <summary>
/// The vendor-compatible API (section <c>VendorApi</c>). <see cref="KeyEncryptionKey"/> encrypts the partner
/// API keys' SecretKeys at rest: the local host and tests generate one; in Azure it is a Key Vault reference.
/// Losing or changing it makes every stored SecretKey unreadable (the keys must then be created again).
/// </summary>
public sealed class VendorOptions : IValidatableObject
{
    public const string SectionName = "VendorApi";

    /// <summary>Shortest key-encryption secret accepted; it is stretched to an AES-256 key with HKDF-SHA256.</summary>
    public const int MinKeyEncryptionKeyLength = 32;

    [Required(ErrorMessage = "Set VendorApi:KeyEncryptionKey (at least 32 characters of random text): it encrypts the partner API keys at rest.")]
    [MinLength(MinKeyEncryptionKeyLength, ErrorMessage = "VendorApi:KeyEncryptionKey must be at least 32 characters of random text.")]
    public string? KeyEncryptionKey { get; set; }

    // App Service leaves a Key Vault reference it could not resolve in place as the literal text: encrypting
    // with that would seal keys under a known value, so the app refuses to start instead.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyEncryptionKey?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
        {
            yield return new ValidationResult(
                "VendorApi:KeyEncryptionKey is an unresolved Key Vault reference: give the app's identity the Key Vault Secrets User role and set keyVaultReferenceIdentity.",
                [nameof(KeyEncryptionKey)]);
        }
    }
}
