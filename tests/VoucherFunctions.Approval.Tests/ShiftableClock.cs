namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// The real clock plus an offset a test can set. Durable timers in these tests are given short deadlines,
/// but the domain refuses to mark an application overdue before 3 business days have passed: the test
/// moves the app's clock forward instead of waiting days. Time is the boundary being faked here.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public IDisposable ShiftBy(TimeSpan offset)
    {
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        return new Reset(this);
    }

    private sealed class Reset(ShiftableClock clock) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref clock._offsetTicks, 0);
    }
}
