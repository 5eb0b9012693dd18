using System.Net;
using System.Reflection;
using VoucherFunctions.Composition;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.LocalHost.Discovery;

namespace VoucherFunctions.Functions.Tests.Http;

[Collection(AppCollection.Name)]
public sealed class OpenApiTests(AppHostFixture app)
{
    private static readonly Assembly AppAssembly = typeof(VoucherFunctionsRegistration).Assembly;

    [Fact]
    public async Task The_document_is_served_anonymously_and_lists_every_http_function_with_its_methods()
    {
        var document = await app.WithToken(null).GetAsync("/api/openapi.json").Json(HttpStatusCode.OK);

        Assert.StartsWith("3.", document.Str("openapi"), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        var served = FunctionCatalog.Discover(AppAssembly).Where(f => f.Trigger == TriggerKind.Http).ToList();
        Assert.NotEmpty(served);
        foreach (var function in served)
        {
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(function.EffectiveRoute("api"), @"\{([A-Za-z0-9_]+)(:[^}?]*)?\??\}", "{$1}");
            Assert.True(paths.TryGetProperty(path, out var item), $"{function.Name}: {path} is missing from the OpenAPI document.");
            foreach (var method in function.HttpMethods)
            {
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{function.Name}: {method} {path} is missing.");
                Assert.Equal(function.Name, operation.Str("operationId"));
            }
        }
    }

    [Fact]
    public void Every_api_function_carries_an_operation_description()
    {
        var undescribed = HttpFunctionInfo.Discover(AppAssembly)
            .Where(f => f.Method.DeclaringType!.Namespace!.StartsWith("VoucherFunctions.Api", StringComparison.Ordinal) && f.Operation is null)
            .Select(f => f.Name)
            .ToList();

        Assert.True(undescribed.Count == 0, "Without [ApiOperation]: " + string.Join(", ", undescribed));
    }

    [Fact]
    public void The_route_prefix_of_the_document_is_the_one_in_host_json()
    {
        var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var prefix = hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();
        Assert.Equal(HttpFunctionInfo.RoutePrefix, prefix);
    }

    [Fact]
    public async Task Protected_operations_declare_bearer_security_and_their_roles()
    {
        var document = await app.WithToken(null).GetAsync("/api/openapi.json").Json(HttpStatusCode.OK);

        var me = document.GetProperty("paths").GetProperty("/api/me").GetProperty("get");
        Assert.Equal(1, me.GetProperty("security").GetArrayLength());
        Assert.Contains("customer", me.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("MeDto", out _));
    }

    [Fact]
    public async Task Every_schema_reference_resolves_and_every_operation_has_a_success_response()
    {
        var text = await (await app.WithToken(null).GetAsync("/api/openapi.json")).Content.ReadAsStringAsync();
        var document = System.Text.Json.JsonDocument.Parse(text).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (System.Text.RegularExpressions.Match reference in System.Text.RegularExpressions.Regex.Matches(text, "\"#/components/schemas/([^\"]+)\""))
        {
            Assert.True(schemas.TryGetProperty(reference.Groups[1].Value, out _), $"Unresolved reference {reference.Value}.");
        }

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.Contains(operation.Value.GetProperty("responses").EnumerateObject(), r => r.Name.StartsWith('2'));
            }
        }

        var issue = document.GetProperty("paths").GetProperty("/api/customer-vouchers").GetProperty("post");
        Assert.Contains(issue.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "Idempotency-Key" && p.GetProperty("required").GetBoolean());
        var edit = document.GetProperty("paths").GetProperty("/api/templates/{templateId}").GetProperty("put");
        Assert.Contains(edit.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "If-Match");
        var list = document.GetProperty("paths").GetProperty("/api/customer-vouchers").GetProperty("get");
        Assert.Contains(list.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "expiresBefore");
        Assert.Contains(list.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "pageSize");
        var usage = document.GetProperty("paths").GetProperty("/api/vouchers/{voucherId}/usage").GetProperty("get");
        Assert.True(usage.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
    }
}
