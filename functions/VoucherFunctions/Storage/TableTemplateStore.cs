using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>Templates in the owning partner's partition, rows "tmpl|{id}".</summary>
public sealed class TableTemplateStore(LedgerTable table) : ITemplateStore
{
    public async Task<Versioned<VoucherTemplate>?> GetAsync(string partnerId, string templateId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.Template(templateId), cancellationToken);
        return row is null ? null : TemplateRows.Versioned(row);
    }

    public async Task<Versioned<VoucherTemplate>> AddAsync(VoucherTemplate template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template, await table.AddAsync(TemplateRows.ToEntity(template), cancellationToken));
    }

    public async Task<Versioned<VoucherTemplate>> UpdateAsync(VoucherTemplate template, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template, await table.ReplaceAsync(TemplateRows.ToEntity(template), expectedVersion, cancellationToken));
    }

    public Task<Page<Versioned<VoucherTemplate>>> ListAsync(TemplateQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string> { Filters.PrefixInPartition(Keys.Partner(query.PartnerId), Keys.TemplatePrefix) };
        if (query.Family is { } family)
        {
            parts.Add(Filters.Eq("Family", family.ToString()));
        }

        if (!string.IsNullOrEmpty(query.NamePrefix))
        {
            // A prefix is a range on the property: Name >= prefix and Name < prefix with its last char bumped.
            parts.Add(Filters.Ge("Name", query.NamePrefix));
            parts.Add(Filters.Lt("Name", Keys.PrefixEnd(query.NamePrefix)));
        }

        if (query.Purpose is { } purpose)
        {
            parts.Add(Filters.Eq("Purpose", purpose.ToString()));
        }

        if (query.ProductScopeKind is { } kind)
        {
            parts.Add(Filters.Eq("ProductScopeKind", kind.ToString()));
        }

        if (query.PaymentModeScope is { } mode)
        {
            parts.Add(Filters.Eq("PaymentModeScope", mode.ToString()));
        }

        if (query.Locked is { } locked)
        {
            parts.Add(Azure.Data.Tables.TableClient.CreateQueryFilter($"Locked eq {locked}"));
        }

        if (query.CreatedFrom is { } from)
        {
            parts.Add(Filters.Ge("CreatedAt", from.ToUniversalTime()));
        }

        if (query.CreatedBefore is { } before)
        {
            parts.Add(Filters.Lt("CreatedAt", before.ToUniversalTime()));
        }

        return PagedQuery.ReadAsync(table, Filters.And(parts), page, TemplateRows.Versioned, cancellationToken);
    }
}
