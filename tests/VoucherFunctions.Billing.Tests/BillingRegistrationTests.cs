using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VoucherFunctions.Billing.Tests;

public sealed class BillingRegistrationTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_group_size_below_one_is_refused_at_start_up(string size)
    {
        // A group of zero bills never empties a partner's queue: its drain loop would spin and its bills never finish.
        // Validated at start like every other options section: the host's start-up validation refuses it.
        var error = Assert.Throws<OptionsValidationException>(() => StartUp(new() { ["Billing:MaxGroupSize"] = size }));
        Assert.Contains("MaxGroupSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:01:00")]
    public void A_negative_or_minute_long_group_window_is_refused_at_start_up(string window)
    {
        var error = Assert.Throws<OptionsValidationException>(() => StartUp(new() { ["Billing:GroupWindow"] = window }));
        Assert.Contains("GroupWindow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_and_configured_values_are_taken()
    {
        var options = StartUp(new() { ["Billing:MaxGroupSize"] = "8" }).GetRequiredService<BillingOptions>();

        Assert.Equal(8, options.MaxGroupSize);
        Assert.Equal(new BillingOptions().GroupWindow, options.GroupWindow);
        Assert.True(options.Coalesce);
    }

    /// <summary>The billing services as the host starts them: registered, then validated at start.</summary>
    private static ServiceProvider StartUp(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection().AddBilling(configuration).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }
}
