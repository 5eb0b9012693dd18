using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.ApiKeys;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage;
using VoucherFunctions.Vendor.Signing;

namespace VoucherFunctions.Application.ApiKeys;

/// <summary>
/// A partner's API keys for the vendor-compatible API: create (the SecretKey is answered once and stored only
/// encrypted), list and get (never the SecretKey), disable (final) and delete. A key acts for the caller's
/// partner with one role the caller holds, or for one of its customers.
/// </summary>
public sealed class ApiKeyService(IApiKeyStore keys, ICustomerStore customers, SecretKeyProtector protector, OptimisticRetry retry, TimeProvider clock)
{
    /// <summary>
    /// Creates the key. The SecretId derives from the Idempotency-Key, so a repeat finds the first key: the same
    /// request answers it again (its SecretKey decrypted, 201 with Idempotent-Replayed); another request with the
    /// same key is refused. Nothing is stored in the idempotency records, which would hold the SecretKey in clear.
    /// </summary>
    public async Task<Idempotent<CreatedApiKeyDto>> CreateAsync(Actor actor, IdempotentCommand idempotency, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var partnerId = actor.RequirePartnerId();
        var role = ApiKeyRoles.Parse(Require.Text(request.Role, "role"))
            ?? throw UseCaseException.Invalid("role", "The role is one of reseller, distributor, second-level-reseller, customer.");
        if (!actor.Has(ApiKeyRoles.TokenRole(role)))
        {
            throw UseCaseException.Forbidden($"Only a {ApiKeyRoles.Name(role)} creates {ApiKeyRoles.Name(role)} keys.");
        }

        var name = (request.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > ApiKey.MaxNameLength || name.Any(char.IsControl))
        {
            throw UseCaseException.Invalid("name", $"The name is 1 to {ApiKey.MaxNameLength} characters, without control characters.");
        }

        string? customerUin = null;
        if (role == ApiKeyRole.Customer)
        {
            customerUin = Require.Text(request.CustomerUin, "customerUin");
            _ = await Require.Found(customerUin, () => customers.GetAsync(partnerId, customerUin, cancellationToken), "customer");
        }
        else if (request.CustomerUin is not null)
        {
            throw UseCaseException.Invalid("customerUin", "Only a customer key names a customer.");
        }

        var distributorId = role == ApiKeyRole.SecondLevelReseller
            ? actor.RequireDistributorId()
            : null;
        var secretId = protector.SecretIdFor(partnerId, idempotency.Key);
        var secretKey = SecretKeyProtector.NewSecretKey();
        var key = Require.Valid(
            () => ApiKey.Create(secretId, partnerId, role, customerUin, distributorId, name, protector.Protect(secretId, secretKey), actor.Id, clock.GetUtcNow()),
            "body");

        // No idempotency record is kept for this command: the key row is its record.
        idempotency.MarkStoredWithEffect();
        try
        {
            var created = await keys.AddAsync(key, cancellationToken);
            return Idempotent<CreatedApiKeyDto>.First(new CreatedApiKeyDto(secretKey, ApiKeyDto.From(created.Value)));
        }
        catch (ConcurrencyConflictException)
        {
            var first = await keys.GetAsync(partnerId, secretId, cancellationToken);
            if (first is null)
            {
                throw;
            }

            var same = first.Value.Role == role && first.Value.CustomerUin == customerUin && first.Value.Name == key.Name;
            if (!same)
            {
                throw new DomainException(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key created another key; use a new key for a new API key.");
            }

            var firstSecret = protector.Unprotect(secretId, first.Value.ProtectedSecretKey) ?? throw new InvalidOperationException($"API key {secretId} does not decrypt.");
            return Idempotent<CreatedApiKeyDto>.Replay(new CreatedApiKeyDto(firstSecret, ApiKeyDto.From(first.Value)));
        }
    }

    public async Task<PageDto<ApiKeyDto>> ListAsync(string partnerId, PageRequest page, CancellationToken cancellationToken) =>
        (await keys.ListAsync(partnerId, page, cancellationToken)).Map(k => ApiKeyDto.From(k.Value));

    public async Task<ApiKeyDto> GetAsync(string partnerId, string secretId, CancellationToken cancellationToken) =>
        ApiKeyDto.From((await Find(partnerId, secretId, cancellationToken)).Value);

    /// <summary>Disables the key at once (the next signed request with it is refused); final, and repeatable.</summary>
    public Task<ApiKeyDto> DisableAsync(string partnerId, string secretId, CancellationToken cancellationToken) =>
        retry.RunAsync(async ct =>
        {
            var stored = await Find(partnerId, secretId, ct);
            var disabled = stored.Value.Disable(clock.GetUtcNow());
            return ApiKeyDto.From(ReferenceEquals(disabled, stored.Value) ? disabled : (await keys.UpdateAsync(disabled, stored.Version, ct)).Value);
        }, cancellationToken);

    public async Task DeleteAsync(string partnerId, string secretId, CancellationToken cancellationToken)
    {
        if (!Domain.Ids.Ids.IsValid(secretId) || !await keys.DeleteAsync(partnerId, secretId, cancellationToken))
        {
            throw UseCaseException.NotFound("API key");
        }
    }

    private Task<Versioned<ApiKey>> Find(string partnerId, string secretId, CancellationToken cancellationToken) =>
        Require.Found(secretId, () => keys.GetAsync(partnerId, secretId, cancellationToken), "API key");
}
