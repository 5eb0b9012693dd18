namespace VoucherFunctions.Domain.Vouchers;

using System.Globalization;
using VoucherFunctions.Domain.Money;

/// <summary>
/// What bills consumed of one voucher per calendar month (UTC) of their bill time, with the latest bill time of each
/// month. <see cref="Voucher.Deduct"/> keeps it, so it is written in the same atomic commit as the bill's usage rows
/// and always equals their sum; reports read it instead of every usage row. Immutable, value equality, months sorted.
/// </summary>
public sealed class MonthlyUsage : IEquatable<MonthlyUsage>
{
    private readonly Entry[] _months;

    private MonthlyUsage(Entry[] months) => _months = months;

    /// <summary>One month: "yyyy-MM", the minor units used, the latest bill time in it.</summary>
    public readonly record struct Entry(string Month, long UsedMinor, DateTimeOffset LastBillTime);

    public static MonthlyUsage Empty { get; } = new([]);

    public IReadOnlyList<Entry> Months => _months;

    /// <summary>The latest bill time of any usage, or null if never used.</summary>
    public DateTimeOffset? LastBillTime => _months.Length == 0 ? null : _months.Max(m => m.LastBillTime);

    public static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static MonthlyUsage Of(IEnumerable<Entry> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var sorted = months.OrderBy(m => m.Month, StringComparer.Ordinal).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Month == sorted[i - 1].Month)
            {
                throw new ArgumentException($"Month {sorted[i].Month} appears twice.", nameof(months));
            }
        }

        return sorted.Length == 0 ? Empty : new MonthlyUsage(sorted);
    }

    /// <summary>This usage plus <paramref name="amount"/> consumed at <paramref name="billTime"/>.</summary>
    public MonthlyUsage Add(DateTimeOffset billTime, Money amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        var month = MonthOf(billTime);
        var time = billTime.ToUniversalTime();
        var found = Array.FindIndex(_months, m => m.Month == month);
        if (found < 0)
        {
            return Of(_months.Append(new Entry(month, amount.MinorUnits, time)));
        }

        var months = (Entry[])_months.Clone();
        var old = months[found];
        months[found] = new Entry(month, checked(old.UsedMinor + amount.MinorUnits), time > old.LastBillTime ? time : old.LastBillTime);
        return new MonthlyUsage(months);
    }

    /// <summary>Used in the month "yyyy-MM".</summary>
    public Money UsedIn(string month, Currency currency) =>
        Money.FromMinorUnits(_months.Where(m => m.Month == month).Sum(m => m.UsedMinor), currency);

    /// <summary>Used in all months up to and including "yyyy-MM" (to date, at that month's end).</summary>
    public Money UsedThrough(string month, Currency currency) =>
        Money.FromMinorUnits(_months.Where(m => string.CompareOrdinal(m.Month, month) <= 0).Sum(m => m.UsedMinor), currency);

    /// <summary>The latest bill time up to and including "yyyy-MM", or null.</summary>
    public DateTimeOffset? LastBillTimeThrough(string month)
    {
        var through = _months.Where(m => string.CompareOrdinal(m.Month, month) <= 0).ToArray();
        return through.Length == 0 ? null : through.Max(m => m.LastBillTime);
    }

    public bool Equals(MonthlyUsage? other) => other is not null && _months.AsSpan().SequenceEqual(other._months);

    public override bool Equals(object? obj) => Equals(obj as MonthlyUsage);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var month in _months)
        {
            hash.Add(month);
        }

        return hash.ToHashCode();
    }
}
