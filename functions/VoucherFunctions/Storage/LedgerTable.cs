using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage;

/// <summary>
/// The ledger table: creates it once per process (a failed creation is tried again on the next call,
/// not remembered), runs entity-group transactions (validated first) and turns storage race failures
/// into <see cref="ConcurrencyConflictException"/>.
/// </summary>
public sealed class LedgerTable
{
    private readonly TableServiceClient _service;
    private readonly string _tableName;
    private Lazy<Task<TableClient>> _client;

    public LedgerTable(TableServiceClient service, string tableName = TableNames.Ledger)
    {
        _service = service;
        _tableName = tableName;
        _client = NewClient();
        VoucherNumbers = new VoucherNumberBlocks(this);
    }

    public string TableName => _tableName;

    /// <summary>The voucher numbers this process has reserved in this table; they live as long as the table client does (one per process).</summary>
    public VoucherNumberBlocks VoucherNumbers { get; }

    public Task<TableClient> ClientAsync()
    {
        var lazy = Volatile.Read(ref _client);
        var task = lazy.Value;
        return task.IsCompletedSuccessfully ? task : AwaitCreatedAsync(lazy, task);
    }

    /// <summary>Sends the transaction after checking it; throws <see cref="TableTransactionFailedException"/> for the caller to interpret.</summary>
    public async Task<IReadOnlyList<Response>> SubmitRawAsync(EntityGroupTransaction transaction, CancellationToken cancellationToken)
    {
        transaction.Validate();
        var client = await ClientAsync().ConfigureAwait(false);
        var response = await client.SubmitTransactionAsync(transaction.Actions, cancellationToken).ConfigureAwait(false);
        return response.Value;
    }

    /// <summary>Sends the transaction; a stale ETag, an existing row or a vanished row becomes <see cref="ConcurrencyConflictException"/>.</summary>
    public async Task<IReadOnlyList<Response>> SubmitAsync(EntityGroupTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            return await SubmitRawAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (StorageFailures.IsRace(e))
        {
            throw StorageFailures.Conflict($"A transaction on partition '{transaction.PartitionKey}' lost a race", e);
        }
    }

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var client = await ClientAsync().ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Insert; an existing row is a <see cref="ConcurrencyConflictException"/>. Returns the new ETag.</summary>
    public async Task<string> AddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var client = await ClientAsync().ConfigureAwait(false);
        try
        {
            var response = await client.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Storage returned no ETag.");
        }
        catch (RequestFailedException e) when (StorageFailures.IsRace(e))
        {
            throw StorageFailures.Conflict($"Row '{entity.RowKey}' already exists", e);
        }
    }

    /// <summary>Replace at <paramref name="expectedVersion"/>; a changed or vanished row is a <see cref="ConcurrencyConflictException"/>.</summary>
    public async Task<string> ReplaceAsync(TableEntity entity, string expectedVersion, CancellationToken cancellationToken)
    {
        var client = await ClientAsync().ConfigureAwait(false);
        try
        {
            var response = await client.UpdateEntityAsync(entity, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Storage returned no ETag.");
        }
        catch (RequestFailedException e) when (StorageFailures.IsRace(e))
        {
            throw StorageFailures.Conflict($"Row '{entity.RowKey}' changed since it was read", e);
        }
    }

    /// <summary>Insert when <paramref name="expectedVersion"/> is null, else replace at it.</summary>
    public Task<string> SaveAsync(TableEntity entity, string? expectedVersion, CancellationToken cancellationToken) =>
        expectedVersion is null ? AddAsync(entity, cancellationToken) : ReplaceAsync(entity, expectedVersion, cancellationToken);

    public async Task DeleteIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var client = await ClientAsync().ConfigureAwait(false);
        try
        {
            await client.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: deleting an index row is idempotent.
        }
    }

    /// <summary>Deletes the row read as <paramref name="row"/> if it is still as read; one gone or changed since is left alone (false).</summary>
    public async Task<bool> DeleteIfUnchangedAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var client = await ClientAsync().ConfigureAwait(false);
        try
        {
            // Azure.Data.Tables answers a delete of a missing entity with its 404 response instead of throwing (its
            // DeleteEntity treats 404 as a result; Azure/azure-sdk-for-net#30462): that is "gone", not "deleted".
            var response = await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes a row that is a pure function of its key (an index row), so a concurrent writer can only
    /// write the same thing: the one place where an upsert cannot lose an update.
    /// </summary>
    public async Task UpsertIndexRowAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var client = await ClientAsync().ConfigureAwait(false);
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    // A failed creation (a storage blip at start-up) must not fail every later call of the process:
    // forget it so the next call creates the table again.
    private async Task<TableClient> AwaitCreatedAsync(Lazy<Task<TableClient>> lazy, Task<TableClient> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            Interlocked.CompareExchange(ref _client, NewClient(), lazy);
            throw;
        }
    }

    private Lazy<Task<TableClient>> NewClient() => new(CreateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private async Task<TableClient> CreateAsync()
    {
        var client = _service.GetTableClient(_tableName);
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    }
}
