namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Customers;

/// <summary>A partner's end customers (kept in the partner's books, keyed by UIN).</summary>
public interface ICustomerStore
{
    Task<Versioned<Customer>?> GetAsync(string partnerId, string uin, CancellationToken cancellationToken = default);

    /// <summary>Point reads of several customers; missing ones are left out.</summary>
    Task<IReadOnlyList<Versioned<Customer>>> GetManyAsync(string partnerId, IReadOnlyCollection<string> uins, CancellationToken cancellationToken = default);

    /// <summary>Inserts; <see cref="ConcurrencyConflictException"/> if the UIN is already a customer of this partner.</summary>
    Task<Versioned<Customer>> AddAsync(Customer customer, CancellationToken cancellationToken = default);

    Task<Versioned<Customer>> UpdateAsync(Customer customer, string expectedVersion, CancellationToken cancellationToken = default);

    Task<Page<Versioned<Customer>>> ListAsync(string partnerId, PageRequest page, CancellationToken cancellationToken = default);
}
