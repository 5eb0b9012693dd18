using System.Net;
using System.Text;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Functions.Tests.Vendor;
using VoucherFunctions.Functions.Tests.Webhooks;
using VoucherFunctions.Telemetry;
using VoucherFunctions.TestSupport;
using VoucherFunctions.Vendor;
using static VoucherFunctions.Functions.Tests.Telemetry.MetricDeltas;

namespace VoucherFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The vendor-compatible API and webhook deliveries in the app's metrics: the vendor's SDK (run by node) and raw HTTP
/// against the local host, deliveries to a real receiver on loopback.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class VendorAndWebhookMetricsTests(TelemetryFixture app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Vendor_api_requests_are_measured_by_action_and_vendor_error_code_and_a_made_up_action_is_unknown()
    {
        var s = new Scenario(app);
        var reseller = await s.Partner.CreateKeyAsync("reseller");
        var before = app.Collect();

        var results = await VendorSdk.RunAsync(app,
        [
            VendorSdk.Call("pool", "sdk", reseller, "QueryVoucherPool"),
            VendorSdk.Call("own", "sdk", reseller, "DescribeCustomerOwnVoucherList", new { Page = 1, PageSize = 10 }),
        ]);
        results.Ok("pool");
        results.Refused("own", VendorErrorCodes.AuthUnauthorizedOperation);
        // An action header the caller made up, naming a customer: refused before any signature check.
        var madeUp = "Drop" + Guid.NewGuid().ToString("N")[..8];
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/vendor") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("X-TC-Action", madeUp);
            var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(VendorErrorCodes.InvalidAction, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await Eventually.ValueAsync(
            () => app.Collect(),
            now => Delta(before, now, MetricNames.HttpRequestDuration, (Dimensions.Operation, VoucherMetrics.VendorOperation)) >= 3,
            "the vendor requests were not measured",
            Patience);
        Assert.Equal(1, Delta(before, after, MetricNames.HttpRequestDuration,
            (Dimensions.Operation, VoucherMetrics.VendorOperation), (Dimensions.VendorAction, "QueryVoucherPool"), (Dimensions.HttpStatus, 200), (Dimensions.ErrorCode, null)));
        Assert.Equal(1, Delta(before, after, MetricNames.HttpRequestDuration,
            (Dimensions.Operation, VoucherMetrics.VendorOperation), (Dimensions.VendorAction, "DescribeCustomerOwnVoucherList"), (Dimensions.ErrorCode, VendorErrorCodes.AuthUnauthorizedOperation)));
        Assert.Equal(1, Delta(before, after, MetricNames.HttpRequestDuration,
            (Dimensions.Operation, VoucherMetrics.VendorOperation), (Dimensions.VendorAction, "unknown"), (Dimensions.ErrorCode, VendorErrorCodes.InvalidAction)));
        Assert.DoesNotContain(madeUp, ValuesOf(after, MetricNames.HttpRequestDuration, Dimensions.VendorAction));
        Assert.DoesNotContain(app.Spans.Snapshot(), x => x.TagObjects.Any(t => t.Value?.ToString() == madeUp));
    }

    [Fact]
    public async Task Webhook_delivery_attempts_are_counted_by_result_and_the_receivers_status()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, path) => new WebhookReceiver.Answer(path == "/down" ? 503 : 200);
        var partner = new Scenario(app).Partner;
        var (up, _) = await partner.RegisterAsync(receiver.Url("/up"), "webhook.test");
        var (down, _) = await partner.RegisterAsync(receiver.Url("/down"), "webhook.test");
        var before = app.Collect();

        await partner.PostAsync($"/api/webhooks/{up}/test", null).Json(HttpStatusCode.Accepted);
        await partner.PostAsync($"/api/webhooks/{down}/test", null).Json(HttpStatusCode.Accepted);
        await partner.DeliveryAsync(up, d => d.Is("succeeded"));
        await partner.DeliveryAsync(down, d => d.Statuses().Contains(503));

        var after = await Eventually.ValueAsync(
            () => app.Collect(),
            now => Delta(before, now, MetricNames.WebhookDeliveries, (Dimensions.WebhookResult, "failed")) >= 1,
            "the failed attempt was not counted",
            Patience);
        Assert.Equal(1, Delta(before, after, MetricNames.WebhookDeliveries, (Dimensions.WebhookResult, "delivered"), (Dimensions.HttpStatus, 200)));
        // The failing one is retried (5 s later by default): each attempt counts once.
        var failed = Delta(before, after, MetricNames.WebhookDeliveries, (Dimensions.WebhookResult, "failed"), (Dimensions.HttpStatus, 503));
        Assert.InRange(failed, 1, receiver.At("/down").Count);
        Assert.Equal(0, Delta(before, after, MetricNames.WebhookDeliveries, (Dimensions.WebhookResult, "abandoned")));
        Assert.Equal(1, Delta(before, after, MetricNames.WebhookDeliveryDuration, (Dimensions.WebhookResult, "delivered"), (Dimensions.HttpStatus, 200)));
        // No retries of it into the other tests' figures.
        (await partner.DeleteAsync($"/api/webhooks/{down}")).EnsureSuccessStatusCode();
    }
}
