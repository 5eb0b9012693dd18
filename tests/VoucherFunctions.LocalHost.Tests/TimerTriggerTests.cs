using VoucherFunctions.LocalHost.Discovery;
using VoucherFunctions.LocalHost.Timers;
using VoucherFunctions.LocalHost.TestFunctions;

namespace VoucherFunctions.LocalHost.Tests;

public sealed class TimerTriggerTests(TestFunctionsHostFixture fixture) : IClassFixture<TestFunctionsHostFixture>
{
    [Fact]
    public void A_timer_function_is_discovered_from_its_attribute_with_its_schedule()
    {
        var tick = FunctionCatalog.Discover(typeof(TickFunction).Assembly).Single(f => f.Name == "Tick");

        Assert.Equal(TriggerKind.Timer, tick.Trigger);
        Assert.Equal("*/2 * * * * *", tick.Schedule);
        Assert.True(tick.RunOnStartup);
    }

    [Fact]
    public async Task A_timer_function_runs_at_start_and_then_on_its_schedule_and_a_failed_run_does_not_stop_it()
    {
        // The first run (at start) throws; the schedule goes on and later runs see their last and next occurrences.
        await Eventually.TrueAsync(() => fixture.Calls.Count("Tick") >= 3, TimeSpan.FromSeconds(30));
        Assert.True(fixture.Calls.Count("TickScheduled") >= 2);
    }

    [Theory]
    [InlineData("0 */5 * * * *", "2026-01-01T12:01:30Z", "2026-01-01T12:05:00Z")]
    [InlineData("30 * * * * *", "2026-01-01T12:01:30Z", "2026-01-01T12:02:30Z")]
    [InlineData("0 0 * * *", "2026-01-01T12:01:30Z", "2026-01-02T00:00:00Z")]
    [InlineData("00:00:10", "2026-01-01T12:01:30Z", "2026-01-01T12:01:40Z")]
    public void A_schedule_is_read_as_the_functions_host_reads_it(string expression, string after, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), TimerSchedule.Parse(expression).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("every minute")]
    [InlineData("61 * * * * *")]
    [InlineData("-00:00:01")]
    public void A_schedule_that_is_neither_cron_nor_an_interval_is_refused(string expression) =>
        Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression));
}
