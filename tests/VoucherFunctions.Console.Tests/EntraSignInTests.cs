using System.Text.Json;
using Microsoft.Playwright;

namespace VoucherFunctions.Console.Tests;

/// <summary>
/// The Azure sign-in: with an Entra ID config.json the console loads the vendored MSAL.js under its CSP and
/// sends the user to Entra ID with an authorization code request protected by PKCE. Entra ID cannot be
/// reached from here, so its endpoints are answered by the test (the one mocked boundary).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EntraSignInTests(ConsoleFixture app)
{
    private const string Tenant = "contoso.example";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private static readonly string Login = $"https://login.microsoftonline.com/{Tenant}";

    [Fact]
    public async Task With_an_Entra_config_sign_in_redirects_to_Entra_ID_with_an_authorization_code_and_PKCE()
    {
        var context = await app.Browser.NewContextAsync();
        await using var session = new ConsoleSession(context, await context.NewPageAsync());
        var page = session.Page;
        var config = JsonSerializer.Serialize(new
        {
            signIn = "entra", apiBaseUrl = "",
            entra = new { clientId = ClientId, authority = Login, scopes = new[] { "api://voucher-functions/.default" } },
        });
        await page.RouteAsync("**/console/config.json", route => route.FulfillAsync(new() { ContentType = "application/json", Body = config }));
        string? authorize = null;
        var cors = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" };
        await context.RouteAsync("https://login.microsoftonline.com/**", async route =>
        {
            var url = route.Request.Url;
            if (url.Contains("openid-configuration", StringComparison.Ordinal))
            {
                await route.FulfillAsync(new() { ContentType = "application/json", Headers = cors, Body = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = $"{Login}/v2.0",
                    ["authorization_endpoint"] = $"{Login}/oauth2/v2.0/authorize",
                    ["token_endpoint"] = $"{Login}/oauth2/v2.0/token",
                    ["end_session_endpoint"] = $"{Login}/oauth2/v2.0/logout",
                    ["jwks_uri"] = $"{Login}/discovery/v2.0/keys",
                    ["response_types_supported"] = new[] { "code" },
                }) });
            }
            else if (url.Contains("discovery/instance", StringComparison.Ordinal))
            {
                await route.FulfillAsync(new() { ContentType = "application/json", Headers = cors, Body = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["tenant_discovery_endpoint"] = $"{Login}/v2.0/.well-known/openid-configuration",
                    ["api-version"] = "1.1",
                    ["metadata"] = new[] { new Dictionary<string, object> { ["preferred_network"] = "login.microsoftonline.com", ["preferred_cache"] = "login.windows.net", ["aliases"] = new[] { "login.microsoftonline.com", "login.windows.net" } } },
                }) });
            }
            else
            {
                authorize = url;
                await route.FulfillAsync(new() { ContentType = "text/plain", Body = "Entra ID sign-in page" });
            }
        });

        await page.GotoAsync(app.ConsoleUrl.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Microsoft" }).ClickAsync();
        // Reaching the URL is what is asserted; the stand-in page's own load is not (once, on a loaded CI machine, its
        // load event did not come within the 30 s default while the network was already idle).
        await page.WaitForURLAsync($"{Login}/oauth2/v2.0/authorize**", new() { WaitUntil = WaitUntilState.Commit });

        Assert.NotNull(authorize);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(authorize).Query);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Contains("api://voucher-functions/.default", query["scope"], StringComparison.Ordinal);
        Assert.Equal(app.ConsoleUrl.ToString(), query["redirect_uri"]);
        session.AssertNoBrowserErrors();
    }
}
