using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>Vouchers in their partner's partition, rows "voucher|{id}". Lists filter server-side within that row range.</summary>
public sealed class TableVoucherStore(LedgerTable table) : IVoucherStore
{
    public const int MaxSummaryCustomers = 20;

    public async Task<Versioned<Voucher>?> GetAsync(string partnerId, string voucherId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.Voucher(voucherId), cancellationToken);
        return row is null ? null : VoucherRows.Versioned(row);
    }

    public async Task<Versioned<Voucher>> AddAsync(Voucher voucher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        // One insert plus the partner's voucher-number counter, in one transaction (VoucherNumbering).
        var entity = VoucherRows.ToEntity(voucher);
        var insert = new EntityGroupTransaction(entity.PartitionKey);
        insert.Add(entity);
        var responses = await VoucherNumbering.SubmitAsync(table, insert, cancellationToken);
        var version = responses[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("Storage returned no ETag.");
        return new Versioned<Voucher>(voucher with { NumericId = VoucherNumbering.NumberOf(entity) }, version);
    }

    public async Task<Versioned<Voucher>> UpdateAsync(Voucher voucher, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        var version = await table.ReplaceAsync(VoucherRows.ToEntity(voucher), expectedVersion, cancellationToken);
        return new Versioned<Voucher>(voucher, version);
    }

    public Task<Page<Versioned<Voucher>>> ListAsync(VoucherQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return PagedQuery.ReadAsync(table, Filter(query), page, VoucherRows.Versioned, cancellationToken);
    }

    public async Task<IReadOnlyList<CustomerVoucherSummary>> SummarizeByCustomerAsync(string partnerId, IReadOnlyCollection<string> customerUins, VoucherType? type = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerUins);
        var uins = customerUins.Select(u => Ids.Validate(u, "customer UIN")).Distinct(StringComparer.Ordinal).ToArray();
        Guard(uins.Length is >= 1 and <= MaxSummaryCustomers, $"A summary covers 1 to {MaxSummaryCustomers} customers.");

        // One query per customer, in parallel: an OR of 20 UINs would exceed Azure's 15 comparisons per filter.
        string[] columns = ["CustomerUin", "Currency", "AmountMinor", "BalanceMinor"];
        var perCustomer = await Task.WhenAll(uins.Select(uin =>
            PagedQuery.ReadAllAsync(table, Filter(new VoucherQuery(partnerId) { CustomerUin = uin, Type = type }), cancellationToken, columns)));
        return perCustomer
            .SelectMany(rows => rows)
            .GroupBy(r => (Uin: r.GetString("CustomerUin")!, Currency: r.GetString("Currency")!))
            .Select(g =>
            {
                var currency = Currency.Of(g.Key.Currency);
                return new CustomerVoucherSummary(
                    g.Key.Uin,
                    currency,
                    g.Count(),
                    g.Aggregate(Money.Zero(currency), (sum, r) => sum + Money.FromMinorUnits(r.GetInt64("AmountMinor") ?? 0, currency)),
                    g.Aggregate(Money.Zero(currency), (sum, r) => sum + Money.FromMinorUnits(r.GetInt64("BalanceMinor") ?? 0, currency)));
            })
            .OrderBy(s => s.CustomerUin, StringComparer.Ordinal)
            .ThenBy(s => s.Currency.Code, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The partner's voucher row range plus one comparison per given field (at most 13 of Azure's 15).</summary>
    internal static string Filter(VoucherQuery q)
    {
        var parts = new List<string> { Filters.PrefixInPartition(Keys.Partner(q.PartnerId), Keys.VoucherPrefix) };
        if (q.Type is { } type)
        {
            parts.Add(Filters.Eq("Type", type.ToString()));
        }

        if (q.Types is { Count: > 0 } types)
        {
            parts.Add(Filters.Or(types.Distinct().Order().Select(t => Filters.Eq("Type", t.ToString())).ToArray()));
        }

        if (q.Purpose is { } purpose)
        {
            parts.Add(Filters.Eq("Purpose", purpose.ToString()));
        }

        if (q.Status is { } status)
        {
            parts.Add(Filters.Eq("Status", status.ToString()));
        }

        if (q.CustomerUin is { } uin)
        {
            parts.Add(Filters.Eq("CustomerUin", Ids.Validate(uin, "customer UIN")));
        }

        if (q.ApplicationId is { } applicationId)
        {
            parts.Add(Filters.Eq("ApplicationId", Ids.Validate(applicationId, "application id")));
        }

        if (q.AssociatedVoucherId is { } associated)
        {
            parts.Add(Filters.Eq("AssociatedVoucherId", Ids.Validate(associated, "voucher id")));
        }

        if (q.PaymentMode is { } mode)
        {
            parts.Add(Filters.Or(Filters.Eq("PaymentModeScope", nameof(PaymentModeScope.All)), Filters.Eq("PaymentModeScope", (mode == PaymentMode.Prepaid ? PaymentModeScope.Prepaid : PaymentModeScope.Postpaid).ToString())));
        }

        if (q.ProductScopeKind is { } kind)
        {
            parts.Add(Filters.Eq("ProductScopeKind", kind.ToString()));
        }

        if (q.ExpiresFrom is { } from)
        {
            parts.Add(Filters.Ge("ExpiresAt", from.ToUniversalTime()));
        }

        if (q.ExpiresBefore is { } before)
        {
            parts.Add(Filters.Lt("ExpiresAt", before.ToUniversalTime()));
        }

        return Filters.And(parts);
    }

    private static void Guard(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(ErrorCodes.VoucherInvalid, message);
        }
    }
}
