using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Expiry;
using VoucherFunctions.Storage.Outbox;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

public sealed class TablePartnerCommitFactory(LedgerTable table, EventOutbox outbox, ExpiryIndex expiryIndex) : IPartnerCommitFactory
{
    public IPartnerCommit Begin(string partnerId) => new TablePartnerCommit(table, outbox, expiryIndex, partnerId);
}

/// <summary>
/// Atomic writes in one partner's partition as one entity-group transaction, with the events of those writes in the
/// same transaction (<see cref="EventOutbox"/>). The idempotency row, when given, goes first: if it exists Azure
/// fails the batch on it and nothing else applies, its events included. New vouchers are entered in the expiry
/// index (<see cref="ExpiryIndex"/>) before the transaction is sent.
/// </summary>
public sealed class TablePartnerCommit : IPartnerCommit
{
    private readonly LedgerTable _table;
    private readonly EventOutbox _outbox;
    private readonly ExpiryIndex _expiryIndex;
    private readonly EntityGroupTransaction _transaction;
    private readonly List<DomainEvent> _events = [];
    private readonly List<Voucher> _newVouchers = [];
    private IdempotencyRecord? _idempotency;

    public TablePartnerCommit(LedgerTable table, EventOutbox outbox, ExpiryIndex expiryIndex, string partnerId)
    {
        _table = table;
        _outbox = outbox;
        _expiryIndex = expiryIndex;
        PartnerId = partnerId;
        _transaction = new EntityGroupTransaction(Keys.Partner(partnerId));
    }

    public string PartnerId { get; }

    /// <summary>The writes so far, the outbox row of their events included.</summary>
    public int Count => _transaction.Count + EventOutbox.OperationsFor(_events.Count);

    /// <summary>Two writes: the voucher's row and its id pointer (<see cref="VoucherWrites.Insert"/>).</summary>
    public IPartnerCommit AddVoucher(Voucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        CheckOwner(voucher.PartnerId);
        VoucherWrites.Insert(_transaction, voucher);
        _newVouchers.Add(voucher);
        _events.AddRange(VoucherEvents.For(null, voucher));
        return this;
    }

    /// <summary>One write in place, three when the voucher leaves the live range (<see cref="VoucherWrites.Update"/>).</summary>
    public IPartnerCommit UpdateVoucher(Versioned<Voucher> before, Voucher after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        CheckOwner(after.PartnerId);
        VoucherWrites.Update(_transaction, after, before.Version);
        _events.AddRange(VoucherEvents.For(before.Value, after));
        return this;
    }

    public IPartnerCommit AddTemplate(VoucherTemplate template) => Add(Own(template.PartnerId, TemplateRows.ToEntity(template)));

    public IPartnerCommit UpdateTemplate(VoucherTemplate template, string expectedVersion) => Replace(Own(template.PartnerId, TemplateRows.ToEntity(template)), expectedVersion);

    public IPartnerCommit AddApplication(VoucherApplication application)
    {
        Add(Own(application.PartnerId, ApplicationRows.ToEntity(application)));
        _events.AddRange(ApplicationEvents.For(null, application));
        return this;
    }

    public IPartnerCommit UpdateApplication(Versioned<VoucherApplication> before, VoucherApplication after)
    {
        ArgumentNullException.ThrowIfNull(before);
        Replace(Own(after.PartnerId, ApplicationRows.ToEntity(after)), before.Version);
        _events.AddRange(ApplicationEvents.For(before.Value, after));
        return this;
    }

    public IPartnerCommit AddEvents(IEnumerable<DomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events.AddRange(events);
        return this;
    }

    public IPartnerCommit UpdateQuotaPool(QuotaPool pool, string expectedVersion) => Replace(Own(pool.ResellerId, QuotaPoolRows.ToEntity(pool)), expectedVersion);

    public IPartnerCommit AddIdempotency(IdempotencyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_idempotency is not null)
        {
            throw new InvalidOperationException("A commit carries at most one idempotency record.");
        }

        _idempotency = record;
        return Add(Own(record.PartnerId, IdempotencyRows.ToEntity(record)));
    }

    public async Task<CommitOutcome> CommitAsync(CancellationToken cancellationToken = default)
    {
        // The outbox row of the writes' events counts (Count includes it).
        const int limit = EntityGroupTransaction.MaxOperations;
        if (Count > limit)
        {
            throw new DomainException(ErrorCodes.CommitTooLarge, $"{Count} writes do not fit one atomic commit (at most {limit}).");
        }

        try
        {
            await _expiryIndex.RecordAsync(_newVouchers, cancellationToken);
            await _outbox.CommitAsync(_transaction, _events, transaction => VoucherNumbering.SubmitAsync(_table, Ordered(transaction), cancellationToken), cancellationToken);
            return CommitOutcome.Done;
        }
        catch (ConcurrencyConflictException) when (_idempotency is not null)
        {
            var stored = await IdempotencyResolution.FindDuplicateAsync(_table, _idempotency, cancellationToken);
            if (stored is not null)
            {
                return CommitOutcome.Duplicate(stored);
            }

            throw;
        }
    }

    // Puts the idempotency insert first so a duplicate request fails on it, not on a stale version.
    private EntityGroupTransaction Ordered(EntityGroupTransaction transaction)
    {
        if (_idempotency is null)
        {
            return transaction;
        }

        var idemRow = Keys.Idempotency(_idempotency.Operation, _idempotency.Key);
        return transaction.Copy(a => a.Entity.RowKey == idemRow ? 0 : 1);
    }

    private TablePartnerCommit Add(TableEntity entity)
    {
        _transaction.Add(entity);
        return this;
    }

    private TablePartnerCommit Replace(TableEntity entity, string expectedVersion)
    {
        _transaction.Replace(entity, new ETag(expectedVersion ?? throw new ArgumentNullException(nameof(expectedVersion))));
        return this;
    }

    private TableEntity Own(string ownerPartnerId, TableEntity entity)
    {
        CheckOwner(ownerPartnerId);
        return entity;
    }

    private void CheckOwner(string ownerPartnerId)
    {
        if (!string.Equals(ownerPartnerId, PartnerId, StringComparison.Ordinal))
        {
            throw new TransactionRefusedException($"A record of partner '{ownerPartnerId}' cannot join a commit for partner '{PartnerId}'.");
        }
    }
}
