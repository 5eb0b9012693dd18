using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Storage;

/// <summary>
/// The row-key range a voucher list reads (<see cref="VoucherKeys"/>), the narrowest one the query pins:
/// one type and customer (or Type I), then a status' life range and its expiry bounds; otherwise the type's
/// or the types' span. The remaining fields stay server-side filters inside that range.
/// </summary>
internal static class VoucherRanges
{
    private static readonly VoucherType[] AllTypes = [VoucherType.TypeI, VoucherType.TypeII, VoucherType.TypeIII];

    public static (string From, string To) For(VoucherQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        IEnumerable<VoucherType> types = q.Types is { Count: > 0 } many ? many : AllTypes;
        if (q.Type is { } one)
        {
            types = types.Where(t => t == one);
        }

        if (q.CustomerUin is not null)
        {
            // A Type I voucher has no customer, so a customer filter can never match one.
            types = types.Where(t => t != VoucherType.TypeI);
        }

        var selected = types.Distinct().Order().ToArray();
        if (selected.Length == 0)
        {
            return (VoucherKeys.Prefix, VoucherKeys.Prefix);
        }

        if (selected.Length > 1)
        {
            return (VoucherKeys.AllOfType(selected[0]), Keys.PrefixEnd(VoucherKeys.AllOfType(selected[^1])));
        }

        var type = selected[0];
        if (type != VoucherType.TypeI && q.CustomerUin is null)
        {
            return Prefix(VoucherKeys.AllOfType(type));
        }

        var prefix = VoucherKeys.TypePrefix(type, q.CustomerUin);
        if (q.Status is not { } status)
        {
            return Prefix(prefix);
        }

        var life = VoucherKeys.LifePrefix(type, q.CustomerUin, VoucherKeys.LifeOf(status));
        return (
            q.ExpiresFrom is { } from ? VoucherKeys.ExpiringFrom(life, from) : life,
            q.ExpiresBefore is { } before ? VoucherKeys.ExpiringFrom(life, before) : Keys.PrefixEnd(life));
    }

    private static (string, string) Prefix(string prefix) => (prefix, Keys.PrefixEnd(prefix));
}
