using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Application.Distribution;

/// <summary>
/// The partner directory and the quota pools of multi-level distribution. A second-level reseller belongs to
/// the distributor that holds its pool: registering creates the (empty) pool, and every distribution rule —
/// who may fund, allocate to, or apply for whose customers — is checked against it.
/// </summary>
public sealed class DistributionService(IQuotaPoolStore pools, IPartnerCommitFactory commits, IIdempotencyStore idempotencyRecords, OptimisticRetry retry, TimeProvider clock)
{
    /// <summary>The channel manager registers a reseller under a distributor; naturally idempotent (a repeat answers the same pool).</summary>
    public async Task<QuotaPoolDto> RegisterAsync(string distributorId, RegisterResellerRequest request, CancellationToken cancellationToken)
    {
        distributorId = Require.Valid(() => Domain.Ids.Ids.Validate(distributorId, "distributor id"), "distributorId");
        var resellerId = Require.Valid(() => Domain.Ids.Ids.Validate(Require.Text(request.ResellerId, "resellerId"), "reseller id"), "resellerId");
        var currency = Amounts.Currency(request.Currency, "currency");
        if (await pools.FindByResellerAsync(resellerId, cancellationToken) is { } existing)
        {
            // Registered already: under this distributor that is the same answer again; under another one it is
            // refused (the vendor's channel manager, who keeps the directory, may know that).
            return existing.Value.DistributorId == distributorId
                ? QuotaPoolDto.From(existing.Value)
                : throw UseCaseException.Conflict(UseCaseErrorCodes.AlreadyExists, "This reseller already sells under another distributor.", "resellerId");
        }
        var pool = Require.Valid(() => QuotaPool.Create(distributorId, resellerId, currency, clock.GetUtcNow()), "resellerId");
        try
        {
            return QuotaPoolDto.From((await pools.AddAsync(pool, cancellationToken)).Value);
        }
        catch (ConcurrencyConflictException)
        {
            return QuotaPoolDto.From((await RequirePoolAsync(distributorId, resellerId, cancellationToken)).Value);
        }
    }

    public async Task<PageDto<QuotaPoolDto>> ListAsync(string distributorId, PageRequest page, CancellationToken cancellationToken) =>
        (await pools.ListByDistributorAsync(distributorId, page, cancellationToken)).Map(p => QuotaPoolDto.From(p.Value));

    public async Task<QuotaPoolDto> GetAsync(string distributorId, string resellerId, CancellationToken cancellationToken) =>
        QuotaPoolDto.From((await RequirePoolAsync(distributorId, resellerId, cancellationToken)).Value);

    /// <summary>The calling second-level reseller's own pool, under the distributor its token names (403 when it names none).</summary>
    public async Task<QuotaPoolDto> OwnPoolAsync(Actor reseller, CancellationToken cancellationToken)
    {
        var distributorId = reseller.RequireDistributorId();
        return QuotaPoolDto.From((await RequirePoolAsync(distributorId, reseller.RequirePartnerId(), cancellationToken)).Value);
    }

    /// <summary>
    /// Allocates or reclaims quota, at once. The pool lives in the reseller's books, so the idempotency record
    /// goes there too, in the same atomic write: a repeat can never apply the adjustment twice. The gate looks
    /// for records in the caller's books only, so a repeat is answered from the reseller's books here, before
    /// the pool is read (a repeated reclaim must not be refused by the total it already lowered). Retried when
    /// an issuance took quota meanwhile.
    /// </summary>
    public async Task<Idempotent<QuotaPoolDto>> AdjustAsync(string distributorId, string resellerId, IdempotentCommand idempotency, QuotaAdjustmentRequest request, CancellationToken cancellationToken)
    {
        // Another distributor's reseller is a 404 before any record in its books is looked at.
        await RequirePoolAsync(distributorId, resellerId, cancellationToken);
        if (await idempotencyRecords.GetAsync(resellerId, idempotency.Operation, idempotency.Key, cancellationToken) is { } stored && idempotency.Answers(stored))
        {
            return Idempotent<QuotaPoolDto>.Replay(IdempotentCommand.ResultOf<QuotaPoolDto>(stored));
        }

        return await retry.RunAsync(async ct =>
        {
            var stored = await RequirePoolAsync(distributorId, resellerId, ct);
            var delta = Require.Valid(() => Domain.Money.Money.Parse(Require.Text(request.Amount, "amount"), stored.Value.Total.Currency), "amount");
            var adjusted = stored.Value.Adjust(delta, clock.GetUtcNow());
            var result = QuotaPoolDto.From(adjusted);
            // Keyed in the reseller's books: a reseller sells under one distributor, so the key space is still the caller's.
            var record = idempotency.RecordOf(result, books: resellerId);
            var outcome = await commits.Begin(resellerId)
                .UpdateQuotaPool(adjusted, stored.Version)
                .AddEvents(Domain.Events.QuotaEvents.Adjusted(stored.Value, adjusted, idempotency.Key))
                .AddIdempotency(record)
                .CommitAsync(ct);
            idempotency.MarkStoredWithEffect();
            return outcome.DuplicateOf is { } first ? Idempotent<QuotaPoolDto>.Replay(IdempotentCommand.ResultOf<QuotaPoolDto>(first)) : Idempotent<QuotaPoolDto>.First(result);
        }, cancellationToken);
    }

    /// <summary>True when <paramref name="resellerId"/> sells under <paramref name="distributorId"/>.</summary>
    public async Task<bool> IsResellerOfAsync(string distributorId, string resellerId, CancellationToken cancellationToken) =>
        Domain.Ids.Ids.IsValid(resellerId) && await pools.GetAsync(distributorId, resellerId, cancellationToken) is not null;

    private Task<Versioned<QuotaPool>> RequirePoolAsync(string distributorId, string resellerId, CancellationToken cancellationToken) =>
        Require.Found(resellerId, () => pools.GetAsync(distributorId, resellerId, cancellationToken), "second-level reseller");
}
