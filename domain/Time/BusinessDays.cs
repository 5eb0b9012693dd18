namespace VoucherFunctions.Domain.Time;

using VoucherFunctions.Domain.Errors;

/// <summary>
/// Business-day arithmetic in UTC for the review SLA. Saturdays and Sundays are skipped; public
/// holidays are not modelled (the spec does not name a calendar).
/// </summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateTimeOffset t) => t.ToUniversalTime().DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The instant <paramref name="days"/> business days after <paramref name="start"/>, keeping the
    /// time of day. A start on a weekend counts from the following Monday 00:00 UTC (the clock only
    /// runs on business days), so Saturday + 1 business day = Tuesday 00:00 and Friday 15:00 + 1 =
    /// Monday 15:00.
    /// </summary>
    public static DateTimeOffset AddBusinessDays(DateTimeOffset start, int days)
    {
        Guard.That(days >= 0, ErrorCodes.BusinessDaysInvalid, $"Business days to add must not be negative (got {days}).");
        var t = start.ToUniversalTime();
        while (!IsBusinessDay(t))
        {
            t = new DateTimeOffset(t.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        }

        for (var added = 0; added < days;)
        {
            t = t.AddDays(1);
            if (IsBusinessDay(t))
            {
                added++;
            }
        }

        return t;
    }
}
