using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Webhooks;

/// <summary>
/// SSRF protection with the Azure settings (https only, loopback not allowed): refused at registration and again
/// at connect time, so a name that changes its answer after registration still cannot reach the machine.
/// </summary>
[Collection(StrictWebhookCollection.Name)]
public sealed class OutboundSafetyTests(StrictWebhookHostFixture app)
{
    private static string NewPartner() => "p-" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData("https://127.0.0.1/hook", "127.0.0.1 is a loopback address")]
    [InlineData("https://127.1.2.3:8443/hook", "loopback")]
    [InlineData("https://[::1]/hook", "::1 is a loopback address")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://10.0.0.7/hook", "10.0.0.7 is a private network address")]
    [InlineData("https://172.16.5.4/hook", "private")]
    [InlineData("https://192.168.0.1/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address")]
    [InlineData("https://168.63.129.16/", "metadata")]
    [InlineData("https://169.254.1.1/", "link-local")]
    [InlineData("https://[fe80::1]/", "link-local")]
    [InlineData("https://[fd12:3456::1]/", "private")]
    [InlineData("https://0.0.0.0/", "reserved")]
    [InlineData("https://localhost/hook", "'localhost' resolves to")]
    [InlineData("https://loop.test/hook", "'loop.test' resolves to 127.0.0.1, a loopback address")]
    [InlineData("https://loop6.test/hook", "'loop6.test' resolves to ::1")]
    [InlineData("https://internal.test/hook", "'internal.test' resolves to 10.20.30.40, a private network address")]
    [InlineData("https://metadata.test/hook", "'metadata.test' resolves to 169.254.169.254, a cloud metadata address")]
    [InlineData("https://mixed.test/hook", "'mixed.test' resolves to 192.168.1.10")]
    public async Task A_url_reaching_loopback_private_link_local_or_metadata_addresses_is_refused_at_registration(string url, string reason)
    {
        var partner = app.As(NewPartner(), "reseller");

        var problem = await partner.PostAsync("/api/webhooks", new { url, eventTypes = new[] { "bill.applied" } }).Problem(HttpStatusCode.UnprocessableEntity, "webhook.url_refused");

        Assert.Contains(reason, problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("url", problem.Str("field"));
        Assert.Empty((await partner.GetAsync("/api/webhooks").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Only_https_urls_are_accepted()
    {
        var partner = app.As(NewPartner(), "reseller");

        var problem = await partner.PostAsync("/api/webhooks", new { url = "http://93.184.216.34/hook", eventTypes = new[] { "bill.applied" } })
            .Problem(HttpStatusCode.BadRequest, "webhook.url_invalid");

        Assert.Contains("https", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_after_registration_is_refused_when_connecting_and_nothing_reaches_the_receiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var partner = app.As(NewPartner(), "reseller");
        var (webhookId, _) = await partner.RegisterAsync($"https://rebind.test:{receiver.Port}/hook", "webhook.test");

        await partner.PostAsync($"/api/webhooks/{webhookId}/test", null).Json(HttpStatusCode.Accepted);

        var delivery = await partner.DeliveryAsync(webhookId, d => d.GetProperty("attemptCount").GetInt32() >= 2);
        foreach (var attempt in delivery.GetProperty("attempts").EnumerateArray())
        {
            Assert.False(attempt.TryGetProperty("statusCode", out _));
            Assert.Contains("Refused: 'rebind.test' resolves to 127.0.0.1, a loopback address", attempt.Str("error"), StringComparison.Ordinal);
        }

        Assert.Empty(receiver.Requests);
        await partner.DeleteAsync($"/api/webhooks/{webhookId}").Json(HttpStatusCode.NoContent);
    }
}
