using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VoucherFunctions.Vendor.Signing;

/// <summary>
/// Encrypts SecretKeys at rest with AES-256-GCM under a key derived (HKDF-SHA256) from
/// <see cref="VendorOptions.KeyEncryptionKey"/>. The SecretId is the associated data, so a ciphertext copied
/// onto another key's row does not decrypt. Layout: version byte, 12-byte nonce, ciphertext, 16-byte tag.
/// </summary>
public sealed class SecretKeyProtector
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("VoucherFunctions/partner-api-key/v1");

    private static readonly byte[] IdInfo = Encoding.UTF8.GetBytes("VoucherFunctions/partner-api-key-id/v1");
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly byte[] _key;
    private readonly byte[] _idKey;

    public SecretKeyProtector(IOptions<VendorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.KeyEncryptionKey ?? throw new InvalidOperationException("VendorApi:KeyEncryptionKey is not set.");
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Info);
        _idKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: IdInfo);
    }

    /// <summary>
    /// The SecretId a partner's key creation with this Idempotency-Key gets: "AKID" and 32 letters or digits of
    /// an HMAC under a key derived from the app's secret, so a retried creation finds its first key and no one
    /// without the app's secret can predict an id.
    /// </summary>
    public string SecretIdFor(string partnerId, string idempotencyKey) => "AKID" + DeriveId(partnerId + "\n" + idempotencyKey);

    /// <summary>
    /// 32 letters or digits of an HMAC of <paramref name="input"/> under a key derived from the app's secret: an id
    /// that a retried creation derives again from its Idempotency-Key and that no one without the secret can predict.
    /// </summary>
    public string DeriveId(string input)
    {
        var mac = HMACSHA256.HashData(_idKey, Encoding.UTF8.GetBytes(input));
        return new string(mac.Select(b => Alphabet[b % Alphabet.Length]).Take(32).ToArray());
    }

    /// <summary>A new random SecretKey: 40 letters and digits (about 238 bits).</summary>
    public static string NewSecretKey() => RandomNumberGenerator.GetString(Alphabet, 40);

    public byte[] Protect(string secretId, string secretKey)
    {
        var plain = Encoding.UTF8.GetBytes(secretKey);
        var output = new byte[1 + NonceBytes + plain.Length + TagBytes];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceBytes, plain.Length), output.AsSpan(1 + NonceBytes + plain.Length), Encoding.UTF8.GetBytes(secretId));
        return output;
    }

    /// <summary>The SecretKey, or null when the ciphertext does not decrypt (another encryption key, or tampered).</summary>
    public string? Unprotect(string secretId, IReadOnlyList<byte> protectedKey)
    {
        ArgumentNullException.ThrowIfNull(protectedKey);
        var data = protectedKey as byte[] ?? protectedKey.ToArray();
        if (data.Length < 1 + NonceBytes + TagBytes || data[0] != Version)
        {
            return null;
        }

        var length = data.Length - 1 - NonceBytes - TagBytes;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(data.AsSpan(1, NonceBytes), data.AsSpan(1 + NonceBytes, length), data.AsSpan(1 + NonceBytes + length), plain, Encoding.UTF8.GetBytes(secretId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
