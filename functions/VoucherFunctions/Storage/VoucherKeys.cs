using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Storage;

/// <summary>
/// Where a voucher row lives in its partner's partition, so that each access path is one row-key range:
/// <list type="bullet">
/// <item><c>v|1|{life}|{expiresAt ticks}|{id}</c>: Type I, the partner's own range.</item>
/// <item><c>v|2|{uin}|{life}|{expiresAt ticks}|{id}</c>: Type II, by the customer it was applied for.</item>
/// <item><c>v|3|{uin}|{life}|{expiresAt ticks}|{id}</c>: Type III, by the customer (payer).</item>
/// <item><c>voucher|{id}</c>: the id → row pointer (<see cref="Keys.Voucher"/>), inserted with the voucher so ids stay unique.</item>
/// </list>
/// <c>life</c> is <c>a</c> while the voucher can still pay (Active, or Expired inside a late bill's window) and
/// <c>z</c> once it has ended for good (Exhausted, Withdrawn, Invalidated): ended vouchers leave the range a
/// bill reads. Inside a range rows sort by expiry, so a bill at time t starts its range after t and skips
/// every voucher that expired before it by key. Type I, II and III are consecutive (<c>v|1|</c> … <c>v|3|</c>), so
/// "partner vouchers" (I and II) and "all vouchers" are single ranges too.
/// </summary>
public static class VoucherKeys
{
    public const string Prefix = "v|";

    /// <summary>A voucher that can still pay: Active, or Expired (the bill time's window decides).</summary>
    public const char Live = 'a';

    /// <summary>A voucher that can never pay again: Exhausted, Withdrawn or Invalidated.</summary>
    public const char Ended = 'z';

    public static char LifeOf(VoucherStatus status) => status is VoucherStatus.Active or VoucherStatus.Expired ? Live : Ended;

    /// <summary>The row the voucher lives in, given its current status.</summary>
    public static string Row(Voucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        return Row(voucher, LifeOf(voucher.Status));
    }

    public static string Row(Voucher voucher, char life) =>
        LifePrefix(voucher.Type, voucher.CustomerUin, life) + Keys.Ticks(voucher.ExpiresAt) + "|" + Keys.Segment(voucher.VoucherId, "voucher id");

    /// <summary>All vouchers of one type (Type I), or of one type and customer (Type II, III).</summary>
    public static string TypePrefix(VoucherType type, string? customerUin) => type switch
    {
        VoucherType.TypeI => Prefix + "1|",
        VoucherType.TypeII => Prefix + "2|" + Keys.Segment(customerUin ?? throw NoCustomer(type), "customer UIN") + "|",
        _ => Prefix + "3|" + Keys.Segment(customerUin ?? throw NoCustomer(type), "customer UIN") + "|",
    };

    /// <summary>Every customer's vouchers of one type: the range of a list without a customer filter.</summary>
    public static string AllOfType(VoucherType type) => Prefix + (type switch { VoucherType.TypeI => "1|", VoucherType.TypeII => "2|", _ => "3|" });

    public static string LifePrefix(VoucherType type, string? customerUin, char life) => TypePrefix(type, customerUin) + life + "|";

    /// <summary>The first key of a life range whose vouchers are still valid at <paramref name="instant"/> (ExpiresAt &gt; instant).</summary>
    public static string ValidAfter(string lifePrefix, DateTimeOffset instant) =>
        lifePrefix + (instant.UtcTicks + 1).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first key of a life range whose vouchers expire at or after <paramref name="instant"/>.</summary>
    public static string ExpiringFrom(string lifePrefix, DateTimeOffset instant) => lifePrefix + Keys.Ticks(instant);

    /// <summary>
    /// A voucher's version is its row's ETag tagged with the life range the row was read from, so an update
    /// knows which row to replace, or to delete when the voucher moves to the ended range.
    /// </summary>
    public static string Version(char life, string etag) => life + ":" + etag;

    public static (char Life, string ETag) ParseVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Length > 2 && version[1] == ':' && version[0] is Live or Ended
            ? (version[0], version[2..])
            : throw new ArgumentException($"'{version}' is not a voucher version read from this store.", nameof(version));
    }

    /// <summary>
    /// The storage operations writing <paramref name="final"/> costs for a voucher read as <paramref name="asRead"/>:
    /// 1 in place, 3 when it moves to the other life range (delete, insert, re-point), say when a bill exhausts it.
    /// </summary>
    public static int UpdateOperations(Versioned<Voucher> asRead, Voucher final)
    {
        ArgumentNullException.ThrowIfNull(asRead);
        ArgumentNullException.ThrowIfNull(final);
        return ParseVersion(asRead.Version).Life == LifeOf(final.Status) ? 1 : 3;
    }

    private static InvalidOperationException NoCustomer(VoucherType type) => new($"A {type} voucher belongs to a customer; none was given.");
}
