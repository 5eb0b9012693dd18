using System.Globalization;
using NCrontab;

namespace VoucherFunctions.LocalHost.Timers;

/// <summary>
/// A <c>[TimerTrigger]</c> schedule as the Functions host reads it: an NCRONTAB expression with seconds
/// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>; five fields are read without seconds) or a
/// TimeSpan interval (<c>hh:mm:ss</c>), in UTC.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan? _interval;

    private TimerSchedule(string expression, CrontabSchedule? cron, TimeSpan? interval)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
    }

    public string Expression { get; }

    public static TimerSchedule Parse(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is 5 or 6
            && CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 }) is { } cron)
        {
            return new TimerSchedule(expression, cron, null);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(expression, null, interval);
        }

        throw new FormatException($"'{expression}' is neither an NCRONTAB expression (with seconds) nor a positive TimeSpan.");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after) => _cron is not null
        ? new DateTimeOffset(DateTime.SpecifyKind(_cron.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc))
        : after + _interval!.Value;
}
