namespace VoucherFunctions.Domain.Tests.Time;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Time;

public class BusinessDaysTests
{
    [Theory]
    [InlineData("2025-03-03T09:00:00Z", 3, "2025-03-06T09:00:00Z")] // Monday → Thursday
    [InlineData("2025-03-06T09:00:00Z", 3, "2025-03-11T09:00:00Z")] // Thursday → Tuesday, weekend skipped
    [InlineData("2025-03-07T15:00:00Z", 1, "2025-03-10T15:00:00Z")] // Friday → Monday
    [InlineData("2025-03-08T10:00:00Z", 1, "2025-03-11T00:00:00Z")] // Saturday counts from Monday 00:00
    [InlineData("2025-03-09T23:00:00Z", 3, "2025-03-13T00:00:00Z")] // Sunday counts from Monday 00:00
    [InlineData("2025-03-07T15:00:00Z", 0, "2025-03-07T15:00:00Z")]
    [InlineData("2025-03-08T15:00:00Z", 0, "2025-03-10T00:00:00Z")]
    [InlineData("2025-03-03T09:00:00Z", 10, "2025-03-17T09:00:00Z")]
    public void Adds_business_days_skipping_weekends(string start, int days, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), BusinessDays.AddBusinessDays(DateTimeOffset.Parse(start), days));

    [Fact]
    public void Works_in_utc_whatever_the_offset_of_the_input()
    {
        // Friday 23:30 UTC is Saturday 07:30 in +08:00; the UTC calendar decides.
        var start = DateTimeOffset.Parse("2025-03-08T07:30:00+08:00");
        var result = BusinessDays.AddBusinessDays(start, 1);
        Assert.Equal(DateTimeOffset.Parse("2025-03-10T23:30:00Z"), result);
        Assert.Equal(TimeSpan.Zero, result.Offset);
    }

    [Fact]
    public void Negative_days_are_refused() =>
        Expect.Code(ErrorCodes.BusinessDaysInvalid, () => BusinessDays.AddBusinessDays(DateTimeOffset.UnixEpoch, -1));
}
