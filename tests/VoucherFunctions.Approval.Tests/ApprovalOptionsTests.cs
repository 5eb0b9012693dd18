using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VoucherFunctions.Approval.Tests;

public sealed class ApprovalOptionsTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.500")]
    [InlineData("1.00:00:01")]
    [InlineData("-00:05:00")]
    public void A_recheck_interval_outside_1_second_to_1_day_stops_the_app_at_start(string value)
    {
        using var provider = Services(new() { ["Approval:RecheckInterval"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Approval:RecheckInterval must be between 1 second and 1 day.", error.Message);
    }

    [Fact]
    public void The_recheck_interval_defaults_to_five_minutes_and_can_be_configured()
    {
        using var defaults = Services([]);
        using var configured = Services(new() { ["Approval:RecheckInterval"] = "00:00:30" });

        defaults.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(TimeSpan.FromMinutes(5), defaults.GetRequiredService<IOptions<ApprovalOptions>>().Value.RecheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), configured.GetRequiredService<IOptions<ApprovalOptions>>().Value.RecheckInterval);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddApproval(configuration).BuildServiceProvider();
    }
}
