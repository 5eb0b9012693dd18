using System.Net;
using System.Net.Sockets;
using System.Text;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Http;

/// <summary>Query parameters are checked as strictly as bodies, and a body over the limit is refused before it is read.</summary>
[Collection(AppCollection.Name)]
public sealed class RequestLimitTests(AppHostFixture app)
{
    [Theory]
    [InlineData("x")]
    [InlineData("csv,json")]
    [InlineData("xml")]
    public async Task An_unknown_format_is_400_not_json(string format)
    {
        var s = new Scenario(app);
        var (voucherId, _, _) = await s.VoucherAsync();

        var problem = await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?format={format}").Problem(HttpStatusCode.BadRequest, "request.query_invalid");

        Assert.Equal("format", problem.Str("field"));
        await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?format=json").Json(HttpStatusCode.OK);
        Assert.Equal("text/csv", (await s.Partner.GetAsync($"/api/vouchers/{voucherId}/usage?format=CSV")).Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/api/templates?family=customerVoucher,partnerVoucher", "family")]
    [InlineData("/api/templates?family=bogus", "family")]
    [InlineData("/api/partner-vouchers?type=typeI,typeII", "type")]
    [InlineData("/api/templates?name=a%00b", "name")]
    [InlineData("/api/customer-vouchers?customerUin=a%1Bb", "customerUin")]
    [InlineData("/api/customer-vouchers?status=active&status=bogus", "status")]
    [InlineData("/api/templates?name=a&name=b", "name")]
    public async Task An_unknown_enum_value_or_a_control_character_in_a_query_value_is_400(string path, string field)
    {
        var problem = await new Scenario(app).Partner.GetAsync(path).Problem(HttpStatusCode.BadRequest, "request.query_invalid");

        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task A_query_value_over_the_limit_is_400()
    {
        var problem = await new Scenario(app).Partner.GetAsync("/api/templates?name=" + new string('n', 129)).Problem(HttpStatusCode.BadRequest, "request.query_invalid");

        Assert.Equal("name", problem.Str("field"));
    }

    [Theory]
    [InlineData("/api/me?x=1", "x")]
    [InlineData("/api/templates?familly=customerVoucher", "familly")]
    [InlineData("/api/customers?pageSize=5&sort=name", "sort")]
    [InlineData("/api/templates/t-1?format=csv", "format")]
    public async Task An_unknown_query_parameter_is_400(string path, string parameter)
    {
        var problem = await new Scenario(app).Partner.GetAsync(path).Problem(HttpStatusCode.BadRequest, "request.unknown_query_parameter");

        Assert.Equal(parameter, problem.Str("field"));
    }

    [Fact]
    public async Task Declared_query_parameters_and_the_function_key_are_accepted()
    {
        var s = new Scenario(app);

        await s.Partner.GetAsync("/api/templates?family=customerVoucher&pageSize=5&code=any-function-key").Json(HttpStatusCode.OK);
        await s.Partner.GetAsync("/api/customers?pageSize=5").Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_declared_larger_than_1_MiB_is_413_without_waiting_for_it()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Host.BaseAddress.Host, app.Host.BaseAddress.Port);
        var stream = client.GetStream();
        var bearer = app.Tokens.Mint(new VoucherFunctions.LocalHost.LocalAuth.TokenRequest(["reseller"], "p-big"));
        var head = "POST /api/templates HTTP/1.1\r\n" +
                   $"Host: {app.Host.BaseAddress.Authority}\r\n" +
                   $"Authorization: Bearer {bearer}\r\n" +
                   "Idempotency-Key: big-1\r\n" +
                   "Content-Type: application/json\r\n" +
                   "Content-Length: 104857600\r\n\r\n{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // The 100 MiB body is never sent: an answer can only come if the app refuses it from the header.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var response = Encoding.ASCII.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains("request.too_large", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_over_1_MiB_is_413()
    {
        var s = new Scenario(app);
        var big = "{\"name\":\"" + new string('x', 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers");
        request.Headers.Authorization = new("Bearer", app.Tokens.Mint(new VoucherFunctions.LocalHost.LocalAuth.TokenRequest(["reseller"], s.PartnerId)));
        request.Headers.Add("Idempotency-Key", "chunked-1");
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await app.Http.SendAsync(request);

        await response.Problem(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        await s.Partner.GetAsync("/api/customers").Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_of_exactly_1_MiB_is_read()
    {
        var s = new Scenario(app);
        var padding = new string(' ', 1024 * 1024 - "{\"uin\":\"u-1mib\",\"name\":\"N\"}".Length);
        var body = "{\"uin\":\"u-1mib\",\"name\":\"N\"" + padding + "}";
        Assert.Equal(1024 * 1024, Encoding.UTF8.GetByteCount(body));

        await s.Partner.PostRawAsync("/api/customers", body).Json(HttpStatusCode.Created);
    }
}
