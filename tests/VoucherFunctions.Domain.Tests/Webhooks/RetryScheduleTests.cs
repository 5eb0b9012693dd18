using VoucherFunctions.Domain.Webhooks;

namespace VoucherFunctions.Domain.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule Defaults = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(2), TimeSpan.FromHours(24));
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_wait_doubles_after_each_failure_up_to_the_longest()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Defaults.BaseDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(10), Defaults.BaseDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(40), Defaults.BaseDelay(4));
        Assert.Equal(TimeSpan.FromHours(2), Defaults.BaseDelay(12));
        Assert.Equal(TimeSpan.FromHours(2), Defaults.BaseDelay(1000));
    }

    [Theory]
    [InlineData(0, 15_000)]
    [InlineData(500, 20_000)]
    [InlineData(999, 24_980)]
    public void Jitter_spreads_a_wait_over_plus_minus_25_percent(int jitter, int milliseconds)
    {
        var next = Defaults.Next(3, Start, Start, jitter);

        Assert.Equal(Start.AddMilliseconds(milliseconds), next);
    }

    [Fact]
    public void A_dead_endpoint_is_tried_about_20_times_within_the_24_hour_window_then_given_up()
    {
        var now = Start;
        var attempts = 1;
        while (Defaults.Next(attempts, Start, now, 500) is { } next)
        {
            Assert.True(next > now);
            Assert.True(next <= Start + TimeSpan.FromHours(24));
            now = next;
            attempts++;
        }

        Assert.InRange(attempts, 18, 24);
        Assert.Null(Defaults.Next(attempts, Start, Start + TimeSpan.FromHours(23), 500));
    }
}
