using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Storage.Tests.Support;

/// <summary>
/// Vouchers as the first layout stored them: the whole voucher at "voucher|{id}" (Kind "voucher"). The
/// properties are those the current row writer produces (the layout change moved rows, not fields), so the
/// row is written through the store and then put back under its old key, without its integer id, as a table
/// from before holds it.
/// </summary>
public static class OldLayout
{
    public static async Task WriteAsync(Ledger ledger, IEnumerable<Voucher> vouchers)
    {
        var client = ledger.Service.GetTableClient(ledger.Table.TableName);
        foreach (var voucher in vouchers)
        {
            await ledger.Vouchers.AddAsync(voucher);
            var partition = Keys.Partner(voucher.PartnerId);
            var row = (await client.GetEntityAsync<TableEntity>(partition, VoucherKeys.Row(voucher))).Value;
            await client.DeleteEntityAsync(partition, row.RowKey, ETag.All);
            row.RowKey = Keys.Voucher(voucher.VoucherId);
            row.Remove(VoucherNumbering.Property); // the first layout had no integer ids (the vendor API came later)
            await client.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }

        // No marker: the partition is in the old layout.
        foreach (var partition in vouchers.Select(v => Keys.Partner(v.PartnerId)).Distinct())
        {
            await client.DeleteEntityAsync(partition, Keys.VoucherLayoutRow, ETag.All);
        }
    }

    public static async Task<int> CountAsync(Ledger ledger, string partnerId)
    {
        var client = ledger.Service.GetTableClient(ledger.Table.TableName);
        var count = 0;
        await foreach (var _ in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Partner(partnerId)} and Kind eq {"voucher"} and RowKey ge {Keys.VoucherPrefix} and RowKey lt {Keys.PrefixEnd(Keys.VoucherPrefix)}")))
        {
            count++;
        }

        return count;
    }

    /// <summary>What the first layout's store handed out as a version: the row's ETag.</summary>
    public static async Task<string> VersionAsync(Ledger ledger, string partnerId, string voucherId)
    {
        var client = ledger.Service.GetTableClient(ledger.Table.TableName);
        return (await client.GetEntityAsync<TableEntity>(Keys.Partner(partnerId), Keys.Voucher(voucherId))).Value.ETag.ToString();
    }
}
