using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage;

/// <summary>
/// One page of a server-side filtered query. Filters are built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>
/// only (values are quoted and escaped by the SDK), and always pin the partition.
/// </summary>
public static class PagedQuery
{
    public static async Task<Page<T>> ReadAsync<T>(LedgerTable table, string filter, PageRequest page, Func<TableEntity, T> map, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var binding = table.TableName + "\n" + filter;
        var azureToken = ContinuationTokens.Unwrap(page.ContinuationToken, binding);
        var client = await table.ClientAsync().ConfigureAwait(false);
        var pages = client.QueryAsync<TableEntity>(filter, page.PageSize, select, cancellationToken).AsPages(azureToken, page.PageSize);
        await foreach (var azurePage in pages.ConfigureAwait(false))
        {
            return new Page<T>(azurePage.Values.Select(map).ToArray(), ContinuationTokens.Wrap(azurePage.ContinuationToken, binding));
        }

        return new Page<T>([], null);
    }

    /// <summary>Every row matching the filter (for bounded sets: a payer's candidate vouchers, a summary).</summary>
    public static async Task<List<TableEntity>> ReadAllAsync(LedgerTable table, string filter, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var client = await table.ClientAsync().ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(filter, 1000, select, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }
}
