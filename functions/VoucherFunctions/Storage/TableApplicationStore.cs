using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Storage.Expiry;
using VoucherFunctions.Storage.Outbox;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Applications in the partner's partition ("app|{id}") plus the reviewer queue: pointer rows in the
/// shared partition "sys|reviewqueue" keyed by submission ticks, so reviewers page all partners'
/// pending applications oldest first without a table scan. The queue cannot share a transaction with
/// the application (another partition), so it is kept in step this way: the pointer is written before
/// the application (a crash leaves a pointer to nothing), removed after the decision (a crash leaves a
/// pointer to a decided application), and listing always reads the application itself, skipping and
/// cleaning pointers whose application is missing or no longer pending. Every write carries the events of the
/// application's new timeline entries in its transaction (<see cref="EventOutbox"/>).
/// </summary>
public sealed class TableApplicationStore(LedgerTable table, EventOutbox outbox, ExpiryIndex expiryIndex, ILogger<TableApplicationStore> logger) : IApplicationStore
{
    public async Task<Versioned<VoucherApplication>?> GetAsync(string partnerId, string applicationId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.Application(applicationId), cancellationToken);
        return row is null ? null : ApplicationRows.Versioned(row);
    }

    public async Task<CommitOutcome> SubmitAsync(ApplicationSubmission submission, string templateVersion, IdempotencyRecord? idempotency = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var application = submission.Application;
        await table.UpsertIndexRowAsync(ApplicationRows.ReviewQueueEntity(application), cancellationToken);
        var commit = new TablePartnerCommit(table, outbox, expiryIndex, application.PartnerId)
            .AddApplication(application)
            .UpdateTemplate(submission.Template, templateVersion);
        if (idempotency is not null)
        {
            commit.AddIdempotency(idempotency);
        }

        return await commit.CommitAsync(cancellationToken);
    }

    public async Task<Versioned<VoucherApplication>> UpdateAsync(Versioned<VoucherApplication> stored, VoucherApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(application);
        var transaction = new EntityGroupTransaction(Keys.Partner(application.PartnerId));
        transaction.Replace(ApplicationRows.ToEntity(application), new Azure.ETag(stored.Version));
        var responses = await outbox.CommitAsync(transaction, ApplicationEvents.For(stored.Value, application), t => table.SubmitAsync(t, cancellationToken), cancellationToken);
        var version = responses[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("Storage returned no ETag.");
        if (!application.IsPending)
        {
            await RemoveFromQueueAsync(application, cancellationToken);
        }

        return new(application, version);
    }

    public Task<Page<Versioned<VoucherApplication>>> ListAsync(string partnerId, ApplicationStatus? status, PageRequest page, CancellationToken cancellationToken = default)
    {
        var filter = Filters.PrefixInPartition(Keys.Partner(partnerId), Keys.ApplicationPrefix);
        if (status is { } s)
        {
            filter = Filters.And([filter, Filters.Eq("Status", s.ToString())]);
        }

        return PagedQuery.ReadAsync(table, filter, page, ApplicationRows.Versioned, cancellationToken);
    }

    public async Task<Page<Versioned<VoucherApplication>>> ListPendingForReviewAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var pointers = await PagedQuery.ReadAsync(
            table,
            TableFilterForQueue(),
            page,
            row => (Row: row, PartnerId: row.GetString("PartnerId")!, ApplicationId: row.GetString("ApplicationId")!),
            cancellationToken);
        var read = await Task.WhenAll(pointers.Items.Select(p => GetAsync(p.PartnerId, p.ApplicationId, cancellationToken)));
        var pending = new List<Versioned<VoucherApplication>>();
        for (var i = 0; i < read.Length; i++)
        {
            if (read[i] is { Value.IsPending: true } application)
            {
                pending.Add(application);
                continue;
            }

            // A pointer left by a crash: only delete it once the application is decided; a missing one may still be being submitted.
            if (read[i] is not null)
            {
                StorageLog.StaleReviewQueueRow(logger, pointers.Items[i].PartnerId, pointers.Items[i].ApplicationId);
                await table.DeleteIfExistsAsync(Keys.ReviewQueuePartition, pointers.Items[i].Row.RowKey, cancellationToken);
            }
        }

        return new Page<Versioned<VoucherApplication>>(pending, pointers.ContinuationToken);
    }

    private static string TableFilterForQueue() =>
        Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ReviewQueuePartition}");

    private Task RemoveFromQueueAsync(VoucherApplication application, CancellationToken cancellationToken) =>
        table.DeleteIfExistsAsync(Keys.ReviewQueuePartition, Keys.ReviewQueueRow(application.SubmittedAt, application.PartnerId, application.ApplicationId), cancellationToken);
}
