using System.Text;
using Azure;
using Azure.Data.Tables;

namespace VoucherFunctions.Storage;

/// <summary>
/// Builds one entity-group transaction and refuses, before any request, what Azure would refuse (or,
/// worse, what Azurite accepts and Azure does not): operations on more than one partition, more than
/// <see cref="MaxOperations"/> operations, a payload over <see cref="MaxPayloadBytes"/>, or the same
/// entity twice.
/// </summary>
public sealed class EntityGroupTransaction
{
    public const int MaxOperations = 100;

    /// <summary>Azure's limit on a batch request body.</summary>
    public const int MaxPayloadBytes = 4 * 1024 * 1024;

    // Multipart headers and the request line per operation, generously rounded up.
    private const int PerOperationOverheadBytes = 1024;

    private readonly List<TableTransactionAction> _actions = [];
    private readonly HashSet<string> _rowKeys = new(StringComparer.Ordinal);
    private long _estimatedBytes;

    public EntityGroupTransaction(string partitionKey) => PartitionKey = partitionKey;

    public string PartitionKey { get; }

    public int Count => _actions.Count;

    public long EstimatedBytes => _estimatedBytes;

    public IReadOnlyList<TableTransactionAction> Actions => _actions;

    /// <summary>Whether an operation of this transaction touches the row (a row may appear once).</summary>
    public bool Has(string rowKey) => _rowKeys.Contains(rowKey);

    /// <summary>Insert; fails the whole transaction with 409 if the entity exists (an insert is also a lock).</summary>
    public int Add(ITableEntity entity) => Append(new TableTransactionAction(TableTransactionActionType.Add, entity));

    /// <summary>Replace at the given ETag; fails the whole transaction with 412 if it changed.</summary>
    public int Replace(ITableEntity entity, ETag expected) =>
        Append(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, expected));

    public int Delete(ITableEntity entity, ETag expected) =>
        Append(new TableTransactionAction(TableTransactionActionType.Delete, entity, expected));

    /// <summary>
    /// A new transaction with the same operations, ordered by <paramref name="order"/> (stable; none: as they are),
    /// to which more can be added without touching this one.
    /// </summary>
    public EntityGroupTransaction Copy(Func<TableTransactionAction, int>? order = null)
    {
        var copy = new EntityGroupTransaction(PartitionKey);
        foreach (var action in order is null ? (IEnumerable<TableTransactionAction>)_actions : _actions.OrderBy(order))
        {
            copy.Append(action);
        }

        return copy;
    }

    /// <summary>Throws <see cref="TransactionRefusedException"/> if the transaction breaks a limit. Called by the executor before sending.</summary>
    public void Validate()
    {
        if (_actions.Count == 0)
        {
            throw new TransactionRefusedException("The transaction is empty.");
        }

        if (_actions.Count > MaxOperations)
        {
            throw new TransactionRefusedException($"The transaction has {_actions.Count} operations; at most {MaxOperations} commit atomically.");
        }

        if (_estimatedBytes > MaxPayloadBytes)
        {
            throw new TransactionRefusedException($"The transaction is about {_estimatedBytes} bytes; at most {MaxPayloadBytes} commit atomically.");
        }
    }

    private int Append(TableTransactionAction action)
    {
        var entity = action.Entity;
        if (!string.Equals(entity.PartitionKey, PartitionKey, StringComparison.Ordinal))
        {
            throw new TransactionRefusedException($"An entity of partition '{entity.PartitionKey}' cannot join a transaction on partition '{PartitionKey}'.");
        }

        if (!_rowKeys.Add(entity.RowKey))
        {
            throw new TransactionRefusedException($"Row '{entity.RowKey}' appears twice in one transaction.");
        }

        _actions.Add(action);
        _estimatedBytes += PerOperationOverheadBytes + EstimateJsonBytes(entity);
        return _actions.Count - 1;
    }

    /// <summary>An upper-bound estimate of the entity's JSON body (strings at worst-case escaping).</summary>
    internal static long EstimateJsonBytes(ITableEntity entity)
    {
        long bytes = 2 + Utf8(entity.PartitionKey) + Utf8(entity.RowKey) + 64;
        if (entity is IDictionary<string, object?> properties)
        {
            foreach (var (name, value) in properties)
            {
                // "name":value, plus an "name@odata.type":"Edm.X" annotation for typed values.
                bytes += Utf8(name) + 6 + 40 + Utf8(name) + value switch
                {
                    null => 4,
                    string s => Utf8(s) * 2,
                    byte[] b => (b.Length * 4 / 3) + 4,
                    _ => 40,
                };
            }
        }

        return bytes;
    }

    private static long Utf8(string s) => Encoding.UTF8.GetByteCount(s);
}

/// <summary>A transaction that would break an Azure limit (or mix partitions) was refused before sending.</summary>
public sealed class TransactionRefusedException : InvalidOperationException
{
    public TransactionRefusedException(string message)
        : base(message)
    {
    }
}
