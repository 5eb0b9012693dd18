using System.Collections.Concurrent;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Billing;

/// <summary>Whether a bill's payer is known: the customer is in the partner's books, and the partner has books at all.</summary>
public enum PayerCheck
{
    Known,
    UnknownCustomer,
    UnknownPartner,
}

/// <summary>
/// Checks that bills name a customer of their partner. Customers are never removed from a partner's books
/// (the store has no delete), so a customer once found stays known: found ones are remembered in memory
/// and not read again; a missing one is read every time (it may have been added since).
/// </summary>
public sealed class CustomerDirectory(ICustomerStore customers)
{
    private const int MaxRemembered = 200_000;
    private readonly ConcurrentDictionary<(string PartnerId, string Uin), bool> _known = new();

    public async Task<IReadOnlyDictionary<string, PayerCheck>> CheckAsync(string partnerId, IReadOnlyCollection<string> uins, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, PayerCheck>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var uin in uins.Distinct(StringComparer.Ordinal))
        {
            if (_known.ContainsKey((partnerId, uin)))
            {
                result[uin] = PayerCheck.Known;
            }
            else
            {
                unknown.Add(uin);
            }
        }

        if (unknown.Count == 0)
        {
            return result;
        }

        var found = await customers.GetManyAsync(partnerId, unknown, cancellationToken);
        if (_known.Count > MaxRemembered)
        {
            _known.Clear();
        }

        foreach (var customer in found)
        {
            _known[(partnerId, customer.Value.Uin)] = true;
            result[customer.Value.Uin] = PayerCheck.Known;
        }

        var missing = unknown.Where(uin => !result.ContainsKey(uin)).ToArray();
        if (missing.Length > 0)
        {
            var any = await customers.ListAsync(partnerId, PageRequest.First(1), cancellationToken);
            var check = any.Items.Count == 0 && !any.HasMore ? PayerCheck.UnknownPartner : PayerCheck.UnknownCustomer;
            foreach (var uin in missing)
            {
                result[uin] = check;
            }
        }

        return result;
    }
}
