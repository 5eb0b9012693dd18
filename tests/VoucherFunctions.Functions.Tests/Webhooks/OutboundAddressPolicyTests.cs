using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoucherFunctions.Webhooks;
using VoucherFunctions.Webhooks.Outbound;

namespace VoucherFunctions.Functions.Tests.Webhooks;

public sealed class OutboundAddressPolicyTests
{
    [Theory]
    [InlineData("93.184.216.34", AddressKind.Public)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("2606:4700::1111", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("64:ff9b::7f00:1", AddressKind.Loopback)]
    [InlineData("2002:7f00:1::", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]
    [InlineData("fd00::1", AddressKind.Private)]
    [InlineData("::ffff:10.1.2.3", AddressKind.Private)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("169.254.169.254", AddressKind.Metadata)]
    [InlineData("::ffff:169.254.169.254", AddressKind.Metadata)]
    [InlineData("168.63.129.16", AddressKind.Metadata)]
    [InlineData("fd00:ec2::254", AddressKind.Metadata)]
    [InlineData("0.0.0.0", AddressKind.Reserved)]
    [InlineData("::", AddressKind.Reserved)]
    [InlineData("224.0.0.1", AddressKind.Reserved)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("ff02::1", AddressKind.Reserved)]
    public void Addresses_are_classified_by_the_range_they_are_in(string address, AddressKind kind) =>
        Assert.Equal(kind, OutboundAddressPolicy.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Loopback_and_private_networks_are_reachable_only_when_a_setting_allows_them_and_metadata_never()
    {
        var strict = new OutboundAddressPolicy(Options.Create(new WebhookOptions()));
        var open = new OutboundAddressPolicy(Options.Create(new WebhookOptions { AllowLoopback = true, AllowPrivateNetworks = true }));

        Assert.True(strict.Allows(IPAddress.Parse("93.184.216.34")));
        Assert.False(strict.Allows(IPAddress.Loopback));
        Assert.False(strict.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.True(open.Allows(IPAddress.Loopback));
        Assert.True(open.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.False(open.Allows(IPAddress.Parse("169.254.169.254")));
        Assert.False(open.Allows(IPAddress.Parse("169.254.10.10")));
        Assert.False(open.Allows(IPAddress.Any));
    }

    [Theory]
    [InlineData("Webhooks:RetryWindow", "00:00:00", "Webhooks:RetryWindow must be between 1 second and 7 days.")]
    [InlineData("Webhooks:RetryWindow", "8.00:00:00", "Webhooks:RetryWindow must be between 1 second and 7 days.")]
    [InlineData("Webhooks:FirstRetryDelay", "00:00:00.500", "Webhooks:FirstRetryDelay must be between 1 second and 1 hour.")]
    [InlineData("Webhooks:MaxRetryDelay", "00:00:02", "Webhooks:MaxRetryDelay must not be shorter than Webhooks:FirstRetryDelay.")]
    [InlineData("Webhooks:MaxRetryDelay", "6.00:00:00", "Webhooks:MaxRetryDelay must be between 1 second and 5 days.")]
    [InlineData("Webhooks:AttemptTimeout", "00:01:00", "Webhooks:AttemptTimeout must be between 1 and 30 seconds.")]
    [InlineData("Webhooks:SecretOverlap", "-00:00:01", "Webhooks:SecretOverlap must be between 0 and 7 days.")]
    [InlineData("Webhooks:DeliveryRetention", "23:59:59", "Webhooks:DeliveryRetention must be between 1 day and 365 days.")]
    [InlineData("Webhooks:DeliveryRetention", "366.00:00:00", "Webhooks:DeliveryRetention must be between 1 day and 365 days.")]
    public void Retry_settings_out_of_range_stop_the_app_at_start(string key, string value, string message)
    {
        using var provider = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_deliveries_are_retried_for_24_hours_from_5_seconds_doubling_to_2_hours_with_10_seconds_per_attempt_and_logged_for_30_days()
    {
        using var provider = Services([]);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.Equal(TimeSpan.FromHours(24), options.RetryWindow);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FirstRetryDelay);
        Assert.Equal(TimeSpan.FromHours(2), options.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromDays(30), options.DeliveryRetention);
        Assert.False(options.AllowHttp || options.AllowLoopback || options.AllowPrivateNetworks);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddWebhooks(configuration).BuildServiceProvider();
    }
}
