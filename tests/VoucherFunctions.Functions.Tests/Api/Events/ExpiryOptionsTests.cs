using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoucherFunctions.Expiry;

namespace VoucherFunctions.Functions.Tests.Api.Events;

public sealed class ExpiryOptionsTests
{
    [Theory]
    [InlineData("00:59:59")]
    [InlineData("90.00:00:01")]
    [InlineData("-7.00:00:00")]
    public void A_notice_time_outside_1_hour_to_90_days_stops_the_app_at_start(string value)
    {
        using var provider = Services(new() { ["Expiry:NoticeBefore"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Expiry:NoticeBefore must be between 1 hour and 90 days.", error.Message);
    }

    [Fact]
    public void The_notice_time_defaults_to_seven_days_and_can_be_configured()
    {
        using var defaults = Services([]);
        using var configured = Services(new() { ["Expiry:NoticeBefore"] = "2.00:00:00" });

        defaults.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(TimeSpan.FromDays(7), defaults.GetRequiredService<IOptions<ExpiryOptions>>().Value.NoticeBefore);
        Assert.Equal(TimeSpan.FromDays(2), configured.GetRequiredService<IOptions<ExpiryOptions>>().Value.NoticeBefore);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddExpiry(configuration).BuildServiceProvider();
    }
}
