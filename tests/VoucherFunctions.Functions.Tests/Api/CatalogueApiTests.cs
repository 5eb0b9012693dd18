using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class CatalogueApiTests(AppHostFixture app)
{
    [Fact]
    public async Task The_channel_manager_edits_the_catalogue_and_everyone_reads_it()
    {
        var manager = app.AsVendor("channel-manager");
        var code = "prod-" + Guid.NewGuid().ToString("N")[..8];

        var saved = await manager.PutAsync($"/api/catalogue/products/{code}", new { name = "Cloud VM" }).Json(HttpStatusCode.OK);
        await manager.PutAsync($"/api/catalogue/products/{code}", new { name = "Cloud VM 2" }).Json(HttpStatusCode.OK);

        Assert.Equal(code, saved.Str("code"));
        var read = await app.As("p-cat", "reseller").GetAsync($"/api/catalogue/products/{code}").Json(HttpStatusCode.OK);
        Assert.Equal("Cloud VM 2", read.Str("name"));
        var list = await app.AsCustomer("p-cat", "c1").GetAsync("/api/catalogue/products?pageSize=100").Json(HttpStatusCode.OK);
        Assert.True(list.GetProperty("items").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task The_blocklist_is_replaced_by_the_channel_manager_only()
    {
        var manager = app.AsVendor("channel-manager");

        var saved = await manager.PutAsync("/api/catalogue/blocklist", new { products = new[] { "gpu-x", "ai-y", "gpu-x" } }).Json(HttpStatusCode.OK);

        Assert.Equal(["ai-y", "gpu-x"], saved.GetProperty("products").EnumerateArray().Select(p => p.GetString()));
        var read = await app.AsVendor("reviewer").GetAsync("/api/catalogue/blocklist").Json(HttpStatusCode.OK);
        Assert.Equal(2, read.GetProperty("products").GetArrayLength());
        await app.As("p-cat", "reseller").PutAsync("/api/catalogue/blocklist", new { products = Array.Empty<string>() }).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await manager.PutAsync("/api/catalogue/blocklist", new { products = new[] { "bad/code" } }).Problem(HttpStatusCode.BadRequest, "id.invalid");
        await manager.PutAsync("/api/catalogue/blocklist", new { }).Problem(HttpStatusCode.BadRequest, "request.field_required");
        await manager.PutAsync("/api/catalogue/blocklist", new { products = Array.Empty<string>() }).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Product_validation_errors_have_codes()
    {
        var manager = app.AsVendor("channel-manager");

        await manager.PutAsync("/api/catalogue/products/p1", new { name = "" }).Problem(HttpStatusCode.BadRequest, "request.field_required");
        await manager.PutAsync("/api/catalogue/products/p1", new { name = new string('x', 201) }).Problem(HttpStatusCode.BadRequest, "product.name_invalid");
        await manager.GetAsync("/api/catalogue/products/none-such").Problem(HttpStatusCode.NotFound, "resource.not_found");
    }
}
