using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Http;

/// <summary>The local host's own endpoints: token minting and the API reference page.</summary>
[Collection(AppCollection.Name)]
public sealed class LocalHostExtrasTests(AppHostFixture app)
{
    [Fact]
    public async Task Minted_tokens_are_accepted_by_the_app()
    {
        var minted = await (await app.Http.PostAsJsonAsync("/local/tokens", new { roles = new[] { "customer" }, partnerId = "partner-demo", customerUin = "100000000001" })).Json(HttpStatusCode.OK);

        var me = await app.WithToken(minted.Str("token")).GetAsync("/api/me").Json(HttpStatusCode.OK);

        Assert.Equal("100000000001", me.Str("customerUin"));
        Assert.Equal("partner-demo", me.Str("partnerId"));
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.PostAsJsonAsync("/local/tokens", new { roles = Array.Empty<string>() })).StatusCode);
    }

    [Fact]
    public async Task The_reference_page_is_self_contained_and_reads_the_openapi_document()
    {
        var response = await app.Http.GetAsync("/reference");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"url\":\"api/openapi.json\"", html, StringComparison.Ordinal); // relative to the page's base: /api/openapi.json
        // Nothing from another origin (no CDN): every script and stylesheet the page names is served by the host.
        var assets = Regex.Matches(html, "(?:src|href)\\s*=\\s*[\"']([^\"']+)[\"']").Select(m => m.Groups[1].Value).ToList();
        Assert.DoesNotContain(assets, a => a.Contains("//", StringComparison.Ordinal));
        foreach (var asset in assets.Where(a => !a.StartsWith('#') && !a.StartsWith("data:", StringComparison.Ordinal)))
        {
            // Resolved against the page's own URL, as the browser does.
            using var served = await app.Http.GetAsync(new Uri(response.RequestMessage!.RequestUri!, asset));
            Assert.True(served.IsSuccessStatusCode, $"{asset}: {(int)served.StatusCode}");
        }
    }
}
