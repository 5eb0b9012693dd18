using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoucherFunctions.LocalHost.Tests;

public sealed class HttpTriggerTests(TestFunctionsHostFixture fixture) : IClassFixture<TestFunctionsHostFixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Route_values_and_query_reach_the_function_over_a_real_socket()
    {
        var response = await Http.GetAsync("/api/echo/coffee/3?q=beans");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("coffee", body.GetProperty("word").GetString());
        Assert.Equal(3, body.GetProperty("count").GetInt32());
        Assert.Equal("beans", body.GetProperty("query").GetString());
    }

    [Fact]
    public async Task A_route_constraint_that_does_not_match_is_not_found()
    {
        var response = await Http.GetAsync("/api/echo/coffee/three");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_method_the_trigger_does_not_declare_is_refused()
    {
        var response = await Http.DeleteAsync("/api/echo/coffee/3");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_json_body_binds_to_a_from_body_parameter_and_the_status_code_is_kept()
    {
        var created = await Http.PostAsJsonAsync("/api/greetings", new { name = "Ada", times = 2 });
        var refused = await Http.PostAsJsonAsync("/api/greetings", new { name = "Ada", times = 0 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("hello Ada hello Ada", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_function_level_route_needs_the_function_key()
    {
        var withoutKey = await Http.GetAsync("/api/secret");
        var withWrongKey = await Http.GetAsync("/api/secret?code=nope");
        var withKey = await Http.GetAsync("/api/secret?code=test-key");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/secret");
        request.Headers.Add("x-functions-key", "test-key");
        var withHeader = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
    }
}
