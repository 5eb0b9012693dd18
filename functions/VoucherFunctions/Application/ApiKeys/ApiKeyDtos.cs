using System.ComponentModel;
using VoucherFunctions.Domain.ApiKeys;

namespace VoucherFunctions.Application.ApiKeys;

public sealed record CreateApiKeyRequest(
    [property: Description("What the key is for (1 to 100 characters).")] string? Name,
    [property: Description("The one role the key acts with: reseller, distributor or second-level-reseller (one the caller holds), or customer.")] string? Role,
    [property: Description("For a customer key: the UIN of one of the caller's customers.")] string? CustomerUin);

/// <summary>A key as listed: never its SecretKey.</summary>
public sealed record ApiKeyDto(
    string SecretId,
    string Name,
    string Role,
    string? CustomerUin,
    string? DistributorId,
    ApiKeyStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt)
{
    public static ApiKeyDto From(ApiKey key) =>
        new(key.SecretId, key.Name, ApiKeyRoles.Name(key.Role), key.CustomerUin, key.DistributorId, key.Status, key.CreatedBy, key.CreatedAt, key.DisabledAt);
}

/// <summary>The answer to a creation: the key and, this once, its SecretKey.</summary>
public sealed record CreatedApiKeyDto(
    [property: Description("Shown only in the answer to the creation (and to a repeat of it with the same Idempotency-Key); keep it secret.")] string SecretKey,
    ApiKeyDto Key);
