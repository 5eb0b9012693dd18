using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

public sealed class TablePartnerCommitFactory(LedgerTable table) : IPartnerCommitFactory
{
    public IPartnerCommit Begin(string partnerId) => new TablePartnerCommit(table, partnerId);
}

/// <summary>
/// Atomic writes in one partner's partition as one entity-group transaction. The idempotency row, when
/// given, goes first: if it exists Azure fails the batch on it and nothing else applies.
/// </summary>
public sealed class TablePartnerCommit : IPartnerCommit
{
    private readonly LedgerTable _table;
    private readonly EntityGroupTransaction _transaction;
    private IdempotencyRecord? _idempotency;

    public TablePartnerCommit(LedgerTable table, string partnerId)
    {
        _table = table;
        PartnerId = partnerId;
        _transaction = new EntityGroupTransaction(Keys.Partner(partnerId));
    }

    public string PartnerId { get; }

    public int Count => _transaction.Count;

    /// <summary>Two writes: the voucher's row and its id pointer (<see cref="VoucherWrites.Insert"/>).</summary>
    public IPartnerCommit AddVoucher(Voucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        CheckOwner(voucher.PartnerId);
        VoucherWrites.Insert(_transaction, voucher);
        return this;
    }

    /// <summary>One write in place, three when the voucher leaves the live range (<see cref="VoucherWrites.Update"/>).</summary>
    public IPartnerCommit UpdateVoucher(Voucher voucher, string expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        CheckOwner(voucher.PartnerId);
        VoucherWrites.Update(_transaction, voucher, expectedVersion ?? throw new ArgumentNullException(nameof(expectedVersion)));
        return this;
    }

    public IPartnerCommit AddTemplate(VoucherTemplate template) => Add(Own(template.PartnerId, TemplateRows.ToEntity(template)));

    public IPartnerCommit UpdateTemplate(VoucherTemplate template, string expectedVersion) => Replace(Own(template.PartnerId, TemplateRows.ToEntity(template)), expectedVersion);

    public IPartnerCommit AddApplication(VoucherApplication application) => Add(Own(application.PartnerId, ApplicationRows.ToEntity(application)));

    public IPartnerCommit UpdateApplication(VoucherApplication application, string expectedVersion) => Replace(Own(application.PartnerId, ApplicationRows.ToEntity(application)), expectedVersion);

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
        const int limit = EntityGroupTransaction.MaxOperations;
        if (_transaction.Count > limit)
        {
            throw new DomainException(ErrorCodes.CommitTooLarge, $"{_transaction.Count} writes do not fit one atomic commit (at most {limit}).");
        }

        try
        {
            await VoucherNumbering.SubmitAsync(_table, Ordered(), cancellationToken);
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
    private EntityGroupTransaction Ordered()
    {
        if (_idempotency is null)
        {
            return _transaction;
        }

        var idemRow = Keys.Idempotency(_idempotency.Operation, _idempotency.Key);
        return _transaction.Copy(a => a.Entity.RowKey == idemRow ? 0 : 1);
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
