namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.ApiKeys;

/// <summary>Partner API keys, in their partner's books, and found by SecretId alone when a request is verified.</summary>
public interface IApiKeyStore
{
    /// <summary>Inserts a new key; <see cref="ConcurrencyConflictException"/> if the SecretId is taken.</summary>
    Task<Versioned<ApiKey>> AddAsync(ApiKey key, CancellationToken cancellationToken = default);

    Task<Versioned<ApiKey>?> GetAsync(string partnerId, string secretId, CancellationToken cancellationToken = default);

    /// <summary>The key with this SecretId, whoever's it is, or null.</summary>
    Task<Versioned<ApiKey>?> FindAsync(string secretId, CancellationToken cancellationToken = default);

    Task<Versioned<ApiKey>> UpdateAsync(ApiKey key, string expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes the key; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string partnerId, string secretId, CancellationToken cancellationToken = default);

    Task<Page<Versioned<ApiKey>>> ListAsync(string partnerId, PageRequest page, CancellationToken cancellationToken = default);
}

/// <summary>Signatures already used, so a captured request cannot be replayed while its timestamp is still accepted.</summary>
public interface ISignatureReplayGuard
{
    /// <summary>Records the signature; false when it was recorded before (a replay). Records expire after <paramref name="keepUntil"/>.</summary>
    Task<bool> TryRecordAsync(string secretId, string signature, DateTimeOffset keepUntil, CancellationToken cancellationToken = default);
}
