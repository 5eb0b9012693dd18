using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// The operations that write a voucher into an entity-group transaction, in the layout of <see cref="VoucherKeys"/>.
/// Each returns the index of the operation that writes the voucher's row (its response carries the new ETag).
/// </summary>
internal static class VoucherWrites
{
    /// <summary>The row and its id pointer, both inserts: an id already taken (in any range) fails the transaction with 409.</summary>
    public static int Insert(EntityGroupTransaction transaction, Voucher voucher)
    {
        var row = transaction.Add(VoucherRows.ToEntity(voucher));
        transaction.Add(VoucherRows.ToPointer(voucher));
        return row;
    }

    /// <summary>
    /// Replaces the row at the version it was read with; when the status moves the voucher to the other life range
    /// (say, exhausted), deletes the old row at that version instead, inserts the new one and re-points the id.
    /// The conditional delete or replace is what detects a concurrent change; the pointer follows the row it
    /// names, so it is replaced unconditionally (only a writer holding the row's version can move it).
    /// </summary>
    public static int Update(EntityGroupTransaction transaction, Voucher voucher, string expectedVersion)
    {
        var (life, etag) = VoucherKeys.ParseVersion(expectedVersion);
        var entity = VoucherRows.ToEntity(voucher);
        if (life == VoucherKeys.LifeOf(voucher.Status))
        {
            return transaction.Replace(entity, new ETag(etag));
        }

        transaction.Delete(new TableEntity(entity.PartitionKey, VoucherKeys.Row(voucher, life)), new ETag(etag));
        var row = transaction.Add(entity);
        transaction.Replace(VoucherRows.ToPointer(voucher), ETag.All);
        return row;
    }

    /// <summary>The new version of the voucher written by operation <paramref name="rowIndex"/> of a committed transaction.</summary>
    public static string VersionAfter(Voucher voucher, IReadOnlyList<Response> responses, int rowIndex) =>
        VoucherKeys.Version(VoucherKeys.LifeOf(voucher.Status), responses[rowIndex].Headers.ETag?.ToString() ?? throw new InvalidOperationException("Storage returned no ETag."));
}
