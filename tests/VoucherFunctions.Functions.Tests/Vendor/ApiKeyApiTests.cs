using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Vendor;

/// <summary>Partner API keys through the bearer API: create once, list without secrets, disable, delete, tenant isolation.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiKeyApiTests(AppHostFixture app)
{
    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_a_repeated_creation_answers_the_same_key()
    {
        var s = new Scenario(app);
        var body = new { name = "finance job", role = "reseller" };

        var created = await s.Partner.PostAsync("/api/api-keys", body, "key-a").Json(HttpStatusCode.Created);
        var again = await s.Partner.PostAsync("/api/api-keys", body, "key-a");
        var repeat = await again.Json(HttpStatusCode.Created);
        var list = await s.Partner.GetAsync("/api/api-keys").Json(HttpStatusCode.OK);
        var text = list.GetRawText();

        var secretId = created.GetProperty("key").Str("secretId");
        Assert.StartsWith("AKID", secretId, StringComparison.Ordinal);
        Assert.Equal(40, created.Str("secretKey").Length);
        Assert.Equal(secretId, repeat.GetProperty("key").Str("secretId"));
        Assert.Equal(created.Str("secretKey"), repeat.Str("secretKey"));
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Contains(secretId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Str("secretKey"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("secretKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("reseller", Assert.Single(list.GetProperty("items").EnumerateArray()).Str("role"));
        await s.Partner.PostAsync("/api/api-keys", new { name = "another", role = "reseller" }, "key-a").Problem((HttpStatusCode)422, "idempotency.key_reused");
    }

    [Fact]
    public async Task The_secret_key_is_not_stored_in_clear()
    {
        var s = new Scenario(app);
        var created = await s.Partner.PostAsync("/api/api-keys", new { name = "scan", role = "reseller" }).Json(HttpStatusCode.Created);
        var secret = created.Str("secretKey");

        var table = new Azure.Data.Tables.TableClient(app.Host.StorageConnectionString, VoucherFunctions.Storage.TableNames.Ledger);
        var rows = table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "p|" + s.PartnerId || e.PartitionKey == "sys|apikeys");
        await foreach (var row in rows)
        {
            foreach (var value in ((IDictionary<string, object>)row).Values)
            {
                var shown = value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) + Convert.ToBase64String(bytes) : value?.ToString() ?? string.Empty;
                Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Keys_are_disabled_and_deleted_by_their_partner_only()
    {
        var s = new Scenario(app);
        var other = new Scenario(app);
        var secretId = (await s.Partner.PostAsync("/api/api-keys", new { name = "k", role = "reseller" }).Json(HttpStatusCode.Created)).GetProperty("key").Str("secretId");

        await other.Partner.GetAsync($"/api/api-keys/{secretId}").Problem(HttpStatusCode.NotFound, "resource.not_found");
        await other.Partner.PostAsync($"/api/api-keys/{secretId}/disable", null, null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await other.Partner.SendJsonAsync(HttpMethod.Delete, $"/api/api-keys/{secretId}", null).Problem(HttpStatusCode.NotFound, "resource.not_found");
        Assert.Empty((await other.Partner.GetAsync("/api/api-keys").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());

        var disabled = await s.Partner.PostAsync($"/api/api-keys/{secretId}/disable", null, null).Json(HttpStatusCode.OK);
        Assert.Equal("disabled", disabled.Str("status"));
        Assert.Equal("disabled", (await s.Partner.PostAsync($"/api/api-keys/{secretId}/disable", null, null).Json(HttpStatusCode.OK)).Str("status"));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Partner.SendJsonAsync(HttpMethod.Delete, $"/api/api-keys/{secretId}", null)).StatusCode);
        await s.Partner.GetAsync($"/api/api-keys/{secretId}").Problem(HttpStatusCode.NotFound, "resource.not_found");
        await s.Partner.SendJsonAsync(HttpMethod.Delete, $"/api/api-keys/{secretId}", null).Problem(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Fact]
    public async Task A_key_takes_a_role_the_caller_holds_or_one_of_its_customers()
    {
        var s = new Scenario(app);
        var other = new Scenario(app);
        var mine = await s.CustomerAsync();
        var theirs = await other.CustomerAsync();

        await s.Partner.PostAsync("/api/api-keys", new { name = "k", role = "distributor" }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await s.Partner.PostAsync("/api/api-keys", new { name = "k", role = "reviewer" }).Problem(HttpStatusCode.BadRequest, "request.field_invalid");
        await s.Partner.PostAsync("/api/api-keys", new { name = "k", role = "customer", customerUin = theirs }).Problem(HttpStatusCode.NotFound, "resource.not_found");
        await s.Partner.PostAsync("/api/api-keys", new { name = "k", role = "reseller", customerUin = mine }).Problem(HttpStatusCode.BadRequest, "request.field_invalid");
        await s.Partner.PostAsync("/api/api-keys", new { name = "", role = "reseller" }).Problem(HttpStatusCode.BadRequest, "request.field_invalid");
        await app.AsCustomer(s.PartnerId, mine).PostAsync("/api/api-keys", new { name = "k", role = "customer", customerUin = mine }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");

        var customerKey = await s.Partner.PostAsync("/api/api-keys", new { name = "portal", role = "customer", customerUin = mine }).Json(HttpStatusCode.Created);
        Assert.Equal(mine, customerKey.GetProperty("key").Str("customerUin"));
        Assert.Equal("customer", customerKey.GetProperty("key").Str("role"));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_key_endpoints_and_the_vendor_endpoint()
    {
        var paths = (await app.WithToken(null).GetAsync("/api/openapi.json").Json(HttpStatusCode.OK)).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/api-keys").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/api-keys").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/api-keys/{secretId}/disable").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/api-keys/{secretId}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/vendor").TryGetProperty("post", out _));
    }
}
