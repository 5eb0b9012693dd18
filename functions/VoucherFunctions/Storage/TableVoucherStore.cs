using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Expiry;
using VoucherFunctions.Storage.Outbox;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Vouchers in their partner's partition, in the payer-keyed layout of <see cref="VoucherKeys"/>: a lookup by id
/// follows the id pointer (two point reads), a list reads the one row range its type, customer and status
/// select, with the other fields as server-side filters. Every write carries its events (<see cref="EventOutbox"/>).
/// </summary>
public sealed class TableVoucherStore(LedgerTable table, VoucherLayoutMigration layout, EventOutbox outbox, ExpiryIndex expiryIndex) : IVoucherStore
{
    public const int MaxSummaryCustomers = 20;

    /// <summary>A lookup races a move to the ended range at most this often before it gives up.</summary>
    private const int MaxPointerHops = 3;

    public async Task<Versioned<Voucher>?> GetAsync(string partnerId, string voucherId, CancellationToken cancellationToken = default)
    {
        var partition = Keys.Partner(partnerId);
        var pointerKey = Keys.Voucher(voucherId);
        await layout.EnsureAsync(partnerId, cancellationToken);
        for (var hop = 1; ; hop++)
        {
            var pointer = await table.GetAsync(partition, pointerKey, cancellationToken);
            if (pointer is null || !VoucherRows.IsPointer(pointer))
            {
                // Migrated partitions hold no old-layout row; anything else here is not a voucher.
                return null;
            }

            var row = await table.GetAsync(partition, pointer.GetString(VoucherRows.At), cancellationToken);
            if (row is not null)
            {
                return VoucherRows.Versioned(row);
            }

            if (hop == MaxPointerHops)
            {
                throw new ConcurrencyConflictException($"Voucher '{voucherId}' kept moving while it was read.");
            }
        }
    }

    public async Task<Versioned<Voucher>> AddAsync(Voucher voucher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        // The row and its id pointer in one transaction, numbered from the process's reserved numbers (VoucherNumbering).
        var transaction = new EntityGroupTransaction(Keys.Partner(voucher.PartnerId));
        var row = VoucherWrites.Insert(transaction, voucher);
        await expiryIndex.RecordAsync([voucher], cancellationToken);
        var responses = await outbox.CommitAsync(transaction, VoucherEvents.For(null, voucher), t => VoucherNumbering.SubmitAsync(table, t, cancellationToken), cancellationToken);
        return new Versioned<Voucher>(voucher with { NumericId = VoucherNumbering.NumberOf(transaction.Actions[row].Entity) }, VoucherWrites.VersionAfter(voucher, responses, row));
    }

    public async Task<Versioned<Voucher>> UpdateAsync(Versioned<Voucher> stored, Voucher voucher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(voucher);
        var transaction = new EntityGroupTransaction(Keys.Partner(voucher.PartnerId));
        var row = VoucherWrites.Update(transaction, voucher, stored.Version);
        var responses = await outbox.CommitAsync(transaction, VoucherEvents.For(stored.Value, voucher), t => table.SubmitAsync(t, cancellationToken), cancellationToken);
        return new Versioned<Voucher>(voucher, VoucherWrites.VersionAfter(voucher, responses, row));
    }

    public async Task<Page<Versioned<Voucher>>> ListAsync(VoucherQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await layout.EnsureAsync(query.PartnerId, cancellationToken);
        return await PagedQuery.ReadAsync(table, Filter(query), page, VoucherRows.Versioned, cancellationToken);
    }

    public async Task<IReadOnlyList<CustomerVoucherSummary>> SummarizeByCustomerAsync(string partnerId, IReadOnlyCollection<string> customerUins, VoucherType? type = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerUins);
        var uins = customerUins.Select(u => Ids.Validate(u, "customer UIN")).Distinct(StringComparer.Ordinal).ToArray();
        Guard(uins.Length is >= 1 and <= MaxSummaryCustomers, $"A summary covers 1 to {MaxSummaryCustomers} customers.");

        // One range query per customer, in parallel: an OR of ranges would make Azure scan the partition.
        await layout.EnsureAsync(partnerId, cancellationToken);
        string[] columns = ["CustomerUin", "Currency", "AmountMinor", "BalanceMinor"];
        VoucherType[] types = type is { } only ? [only] : [VoucherType.TypeII, VoucherType.TypeIII];
        var perCustomer = await Task.WhenAll(uins.SelectMany(uin => types.Select(t =>
            PagedQuery.ReadAllAsync(table, Filter(new VoucherQuery(partnerId) { CustomerUin = uin, Type = t }), cancellationToken, columns))));
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

    /// <summary>The query's row range (<see cref="VoucherRanges.For"/>) plus one comparison per given field (at most 13 of Azure's 15).</summary>
    internal static string Filter(VoucherQuery q)
    {
        var range = VoucherRanges.For(q);
        var parts = new List<string> { Filters.RangeInPartition(Keys.Partner(q.PartnerId), range.From, range.To) };
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
