using System.Security.Cryptography;
using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Vendor.Signing;

namespace VoucherFunctions.Webhooks;

/// <summary>
/// Webhook signing secrets: new ones in the Standard Webhooks form ("whsec_" and base64 of 32 random bytes), kept
/// encrypted at rest by the same <see cref="SecretKeyProtector"/> as the partner API keys, with the webhook id as
/// associated data (a secret copied onto another webhook's row does not decrypt). Webhook ids derive from the
/// owner and the creation's Idempotency-Key.
/// </summary>
public sealed class WebhookSecrets(SecretKeyProtector protector)
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string WebhookIdFor(WebhookOwner owner, string idempotencyKey) => "wh_" + protector.DeriveId("webhook\n" + owner.PartnerId + "\n" + idempotencyKey);

    public byte[] Protect(string webhookId, string secret) => protector.Protect(AssociatedData(webhookId), secret);

    /// <summary>The secret, or null when it does not decrypt (another key-encryption key, or tampered).</summary>
    public string? Unprotect(string webhookId, IReadOnlyList<byte> protectedSecret) => protector.Unprotect(AssociatedData(webhookId), protectedSecret);

    private static string AssociatedData(string webhookId) => "webhook|" + webhookId;
}
