namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Templates;

/// <summary>A partner's voucher templates. Writes that must happen with others (locking on first use) go through <see cref="IPartnerCommit"/>.</summary>
public interface ITemplateStore
{
    Task<Versioned<VoucherTemplate>?> GetAsync(string partnerId, string templateId, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new template; <see cref="ConcurrencyConflictException"/> if the id is taken.</summary>
    Task<Versioned<VoucherTemplate>> AddAsync(VoucherTemplate template, CancellationToken cancellationToken = default);

    /// <summary>Replaces the template if it is still at <paramref name="expectedVersion"/>; otherwise <see cref="ConcurrencyConflictException"/>.</summary>
    Task<Versioned<VoucherTemplate>> UpdateAsync(VoucherTemplate template, string expectedVersion, CancellationToken cancellationToken = default);

    Task<Page<Versioned<VoucherTemplate>>> ListAsync(TemplateQuery query, PageRequest page, CancellationToken cancellationToken = default);
}
