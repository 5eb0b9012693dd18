using System.Collections.Concurrent;
using VoucherFunctions.Domain.ApiKeys;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage.ApiKeys;

/// <summary>
/// API keys in the partner's partition, found by SecretId through a pointer row. The pointer is written
/// before the key and deleted after it, so a key is never without its pointer; a pointer whose key is gone
/// reads as "no such key". The partner a SecretId belongs to is remembered in memory (a SecretId derives
/// from its partner, so it cannot move to another); the key itself is read on every request, so a disable or
/// delete takes effect at once.
/// </summary>
public sealed class TableApiKeyStore(LedgerTable table) : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, string> _partnerOf = new(StringComparer.Ordinal);

    public async Task<Versioned<ApiKey>> AddAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await table.AddAsync(ApiKeyRows.Pointer(key), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // A creation that stopped after its pointer: the pointer is ours, so go on to the key row
            // (which fails as a conflict in turn if the key exists too).
            var pointer = await table.GetAsync(ApiKeyRows.PointerPartition, ApiKeyRows.PointerRow(key.SecretId), cancellationToken);
            if (pointer?.GetString("PartnerId") != key.PartnerId)
            {
                throw;
            }
        }

        return new(key, await table.AddAsync(ApiKeyRows.ToEntity(key), cancellationToken));
    }

    public async Task<Versioned<ApiKey>?> GetAsync(string partnerId, string secretId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), ApiKeyRows.Row(secretId), cancellationToken);
        return row is null ? null : ApiKeyRows.Versioned(row);
    }

    public async Task<Versioned<ApiKey>?> FindAsync(string secretId, CancellationToken cancellationToken = default)
    {
        if (!Domain.Ids.Ids.IsValid(secretId))
        {
            return null;
        }

        if (_partnerOf.TryGetValue(secretId, out var remembered) && await GetAsync(remembered, secretId, cancellationToken) is { } key)
        {
            return key;
        }

        // Not remembered, or the key was deleted since: the pointer decides (and is gone with a deleted key).
        _partnerOf.TryRemove(secretId, out _);
        var pointer = await table.GetAsync(ApiKeyRows.PointerPartition, ApiKeyRows.PointerRow(secretId), cancellationToken);
        if (pointer?.GetString("PartnerId") is not { } partnerId)
        {
            return null;
        }

        _partnerOf[secretId] = partnerId;
        return await GetAsync(partnerId, secretId, cancellationToken);
    }

    public async Task<Versioned<ApiKey>> UpdateAsync(ApiKey key, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key, await table.ReplaceAsync(ApiKeyRows.ToEntity(key), expectedVersion, cancellationToken));
    }

    public async Task<bool> DeleteAsync(string partnerId, string secretId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(partnerId, secretId, cancellationToken) is null)
        {
            return false;
        }

        await table.DeleteIfExistsAsync(Keys.Partner(partnerId), ApiKeyRows.Row(secretId), cancellationToken);
        await table.DeleteIfExistsAsync(ApiKeyRows.PointerPartition, ApiKeyRows.PointerRow(secretId), cancellationToken);
        return true;
    }

    public Task<Page<Versioned<ApiKey>>> ListAsync(string partnerId, PageRequest page, CancellationToken cancellationToken = default) =>
        PagedQuery.ReadAsync(table, Filters.PrefixInPartition(Keys.Partner(partnerId), ApiKeyRows.Prefix), page, ApiKeyRows.Versioned, cancellationToken);
}
