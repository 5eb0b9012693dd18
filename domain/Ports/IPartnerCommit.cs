namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// Starts atomic multi-record writes in one partner's books, e.g. issuing customer vouchers with the
/// template lock, the quota taken and the idempotency record; or invalidating a Type II with its
/// Type III withdrawals.
/// </summary>
public interface IPartnerCommitFactory
{
    IPartnerCommit Begin(string partnerId);
}

/// <summary>
/// A set of writes to one partner's records that commit all together or not at all. Every record
/// must belong to the partner the commit was begun for (checked when added). Updates carry the version
/// they were derived from. At most 100 storage writes (a voucher insert is two: its row and its id pointer;
/// the writes' events are one more, their outbox row); <see cref="CommitAsync"/> refuses more before sending.
/// Every write brings its events (<see cref="VoucherEvents"/>, <see cref="ApplicationEvents"/>): they commit with it,
/// and only then are they published, so no change is without its event and no event without its change.
/// </summary>
public interface IPartnerCommit
{
    string PartnerId { get; }

    int Count { get; }

    /// <summary>Inserts the voucher, with its <c>voucher.issued</c> (or, for a Type II, <c>voucher.activated</c>) event.</summary>
    IPartnerCommit AddVoucher(Voucher voucher);

    /// <summary>Writes <paramref name="after"/> at the version <paramref name="before"/> was read with, with the events of the change.</summary>
    IPartnerCommit UpdateVoucher(Versioned<Voucher> before, Voucher after);

    IPartnerCommit AddTemplate(VoucherTemplate template);

    IPartnerCommit UpdateTemplate(VoucherTemplate template, string expectedVersion);

    /// <summary>Inserts the application, with its <c>application.submitted</c> event.</summary>
    IPartnerCommit AddApplication(VoucherApplication application);

    /// <summary>Writes <paramref name="after"/> at the version <paramref name="before"/> was read with, with the events of its new timeline entries.</summary>
    IPartnerCommit UpdateApplication(Versioned<VoucherApplication> before, VoucherApplication after);

    /// <summary>Events of a change the commit's writes do not describe themselves (a quota allocation); they commit with it.</summary>
    IPartnerCommit AddEvents(IEnumerable<DomainEvent> events);

    /// <summary>A pool lives in the reseller's books: <c>pool.ResellerId</c> must be this commit's partner.</summary>
    IPartnerCommit UpdateQuotaPool(QuotaPool pool, string expectedVersion);

    /// <summary>At most one per commit.</summary>
    IPartnerCommit AddIdempotency(IdempotencyRecord record);

    /// <summary>
    /// Sends the writes as one atomic transaction. If the idempotency record already exists with the same
    /// request hash, nothing is applied and the stored record is returned as a duplicate; with another hash,
    /// DomainException <c>idempotency.key_reused</c>. A stale version or an existing id:
    /// <see cref="ConcurrencyConflictException"/> (nothing applied).
    /// </summary>
    Task<CommitOutcome> CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>The result of an atomic commit: applied, or a duplicate of an earlier request (its stored record).</summary>
public sealed record CommitOutcome(bool Applied, IdempotencyRecord? DuplicateOf)
{
    public static CommitOutcome Done { get; } = new(true, null);

    public static CommitOutcome Duplicate(IdempotencyRecord stored) => new(false, stored);
}
