using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VoucherFunctions.Billing.Tests;

public sealed class BillingRegistrationTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_group_size_below_one_is_refused_at_start_up(string size)
    {
        // A group of zero bills never empties a partner's queue: its drain loop would spin and its bills never finish.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:MaxGroupSize"] = size }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddBilling(configuration));
        Assert.Contains("MaxGroupSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_and_configured_values_are_taken()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:MaxGroupSize"] = "8" }).Build();

        var options = new ServiceCollection().AddBilling(configuration).BuildServiceProvider().GetRequiredService<BillingOptions>();

        Assert.Equal(8, options.MaxGroupSize);
        Assert.Equal(new BillingOptions().GroupWindow, options.GroupWindow);
        Assert.True(options.Coalesce);
    }
}
