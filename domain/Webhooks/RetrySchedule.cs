namespace VoucherFunctions.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="FirstDelay"/>, doubling up to
/// <see cref="MaxDelay"/>, with ±25% jitter so endpoints that failed together are not retried in step; nothing
/// after <see cref="Window"/> from the run's start (then the delivery is dead-lettered).
/// With the defaults (5 s doubling to 2 h, 24 h window) a dead endpoint gets about 20 attempts.
/// </summary>
public sealed record RetrySchedule(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Window)
{
    /// <summary>Jitter is given in thousandths: 0 is the earliest (75% of the wait), 999 the latest (about 125%).</summary>
    public const int JitterScale = 1000;

    /// <summary>The delay before the attempt after <paramref name="failedAttempts"/> failures (≥ 1), before jitter.</summary>
    public TimeSpan BaseDelay(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var ticks = FirstDelay.Ticks;
        for (var i = 1; i < failedAttempts && ticks < MaxDelay.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, MaxDelay.Ticks));
    }

    /// <summary>
    /// When the next attempt is due, or null when it would fall after the window (dead letter).
    /// <paramref name="jitter"/> is a uniform random number from 0 to <see cref="JitterScale"/> − 1.
    /// </summary>
    public DateTimeOffset? Next(int failedAttempts, DateTimeOffset windowStartedAt, DateTimeOffset now, int jitter)
    {
        var delay = BaseDelay(failedAttempts).Ticks;
        var factor = (3 * JitterScale / 4) + (Math.Clamp(jitter, 0, JitterScale - 1) / 2);
        var at = now + TimeSpan.FromTicks(delay / JitterScale * factor);
        return at <= windowStartedAt + Window ? at : null;
    }
}
