using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>Customers in the partner's partition, rows "cust|{uin}".</summary>
public sealed class TableCustomerStore(LedgerTable table) : ICustomerStore
{
    public async Task<Versioned<Customer>?> GetAsync(string partnerId, string uin, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.Customer(uin), cancellationToken);
        return row is null ? null : CustomerRows.Versioned(row);
    }

    public async Task<IReadOnlyList<Versioned<Customer>>> GetManyAsync(string partnerId, IReadOnlyCollection<string> uins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uins);
        var found = await Task.WhenAll(uins.Distinct(StringComparer.Ordinal).Select(uin => GetAsync(partnerId, uin, cancellationToken)));
        return found.OfType<Versioned<Customer>>().ToArray();
    }

    public async Task<Versioned<Customer>> AddAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new(customer, await table.AddAsync(CustomerRows.ToEntity(customer), cancellationToken));
    }

    public async Task<Versioned<Customer>> UpdateAsync(Customer customer, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new(customer, await table.ReplaceAsync(CustomerRows.ToEntity(customer), expectedVersion, cancellationToken));
    }

    public Task<Page<Versioned<Customer>>> ListAsync(string partnerId, PageRequest page, CancellationToken cancellationToken = default) =>
        PagedQuery.ReadAsync(table, Filters.PrefixInPartition(Keys.Partner(partnerId), Keys.CustomerPrefix), page, CustomerRows.Versioned, cancellationToken);
}
