namespace VoucherFunctions.Domain.ApiKeys;

using VoucherFunctions.Domain.Ids;

/// <summary>The one role a partner API key acts with (the vendor's partner roles, or one customer of the partner).</summary>
public enum ApiKeyRole
{
    Reseller,
    Distributor,
    SecondLevelReseller,
    Customer,
}

public enum ApiKeyStatus
{
    Enabled,
    Disabled,
}

/// <summary>
/// A partner API key for the vendor-compatible API: a public <see cref="SecretId"/> and a SecretKey that is
/// shown once, at creation, and kept only encrypted (<see cref="ProtectedSecretKey"/>). The key acts for
/// <see cref="PartnerId"/> with one <see cref="Role"/>; a customer key also names its <see cref="CustomerUin"/>,
/// a second-level reseller key its <see cref="DistributorId"/>. Disabling is final; deleting removes it.
/// </summary>
public sealed record ApiKey
{
    public const int MaxNameLength = 100;

    public required string SecretId { get; init; }

    public required string PartnerId { get; init; }

    public required ApiKeyRole Role { get; init; }

    public string? CustomerUin { get; init; }

    public string? DistributorId { get; init; }

    public required string Name { get; init; }

    /// <summary>The SecretKey, encrypted (nonce, ciphertext and tag) with the app's key-encryption key.</summary>
    public required IReadOnlyList<byte> ProtectedSecretKey { get; init; }

    /// <summary>The principal that created the key.</summary>
    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required ApiKeyStatus Status { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public bool IsEnabled => Status == ApiKeyStatus.Enabled;

    /// <summary>Creates an enabled key after checking its ids and name.</summary>
    public static ApiKey Create(string secretId, string partnerId, ApiKeyRole role, string? customerUin, string? distributorId, string name, IReadOnlyList<byte> protectedSecretKey, string createdBy, DateTimeOffset now)
    {
        Errors.Guard.That(role == ApiKeyRole.Customer == (customerUin is not null), Errors.ErrorCodes.IdInvalid, "A customer key names its customer UIN; other keys name none.");
        Errors.Guard.That(role == ApiKeyRole.SecondLevelReseller == (distributorId is not null), Errors.ErrorCodes.IdInvalid, "A second-level reseller key names its distributor; other keys name none.");
        var trimmed = (name ?? string.Empty).Trim();
        Errors.Guard.That(trimmed.Length is > 0 and <= MaxNameLength, Errors.ErrorCodes.IdInvalid, $"A key name is 1 to {MaxNameLength} characters.");
        return new ApiKey
        {
            SecretId = Ids.Validate(secretId, "SecretId"),
            PartnerId = Ids.Validate(partnerId, "partner id"),
            Role = role,
            CustomerUin = customerUin is null ? null : Ids.Validate(customerUin, "customer UIN"),
            DistributorId = distributorId is null ? null : Ids.Validate(distributorId, "distributor id"),
            Name = trimmed,
            ProtectedSecretKey = protectedSecretKey,
            CreatedBy = createdBy,
            CreatedAt = now.ToUniversalTime(),
            Status = ApiKeyStatus.Enabled,
        };
    }

    /// <summary>Disables the key for good; disabling a disabled key changes nothing.</summary>
    public ApiKey Disable(DateTimeOffset now) =>
        IsEnabled ? this with { Status = ApiKeyStatus.Disabled, DisabledAt = now.ToUniversalTime() } : this;
}
