using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.LocalHost.LocalAuth;

namespace VoucherFunctions.Functions.Tests.Http;

[Collection(AppCollection.Name)]
public sealed class AuthenticationTests(AppHostFixture app)
{
    [Fact]
    public async Task A_valid_token_is_accepted_and_its_claims_become_the_principal()
    {
        var token = app.Tokens.Mint(new TokenRequest(["second-level-reseller"], "p-auth-1", DistributorId: "d-auth-1", Subject: "alice"));

        var me = await app.WithToken(token).GetAsync("/api/me").Json(HttpStatusCode.OK);

        Assert.Equal("alice", me.Str("principalId"));
        Assert.Equal("p-auth-1", me.Str("partnerId"));
        Assert.Equal("d-auth-1", me.Str("distributorId"));
        Assert.Equal(["second-level-reseller"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task No_token_is_401_with_a_problem_code()
    {
        var response = await app.WithToken(null).GetAsync("/api/me");

        var problem = await response.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Equal("/api/me", problem.Str("instance"));
        Assert.Equal("urn:voucher-functions:problem:auth.unauthenticated", problem.Str("type"));
    }

    public static TheoryData<string> BadTokens() => new()
    {
        "garbage",
        "expired",
        "wrong-issuer",
        "wrong-audience",
        "wrong-key",
        "no-partner-for-partner-role",
        "no-known-role",
        "customer-without-uin",
        "not-bearer",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Every_kind_of_bad_token_is_401(string kind)
    {
        var otherKey = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256);
        var token = kind switch
        {
            "garbage" => "not.a.jwt",
            "expired" => app.Tokens.Mint(new TokenRequest(["reseller"], "p1") { Lifetime = TimeSpan.FromMinutes(-10) }),
            "wrong-issuer" => app.Tokens.Mint(new TokenRequest(["reseller"], "p1") { Issuer = "https://someone-else.test/" }),
            "wrong-audience" => app.Tokens.Mint(new TokenRequest(["reseller"], "p1") { Audience = "api://another-app" }),
            "wrong-key" => app.Tokens.Mint(new TokenRequest(["reseller"], "p1") { SigningCredentials = otherKey }),
            "no-partner-for-partner-role" => app.Tokens.Mint(new TokenRequest(["reseller"])),
            "no-known-role" => app.Tokens.Mint(new TokenRequest(["admin"], "p1")),
            "customer-without-uin" => app.Tokens.Mint(new TokenRequest(["customer"], "p1")),
            _ => null,
        };
        var client = kind == "not-bearer" ? app.WithToken(null) : app.WithToken(token);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        if (kind == "not-bearer")
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
            var basic = await app.Http.SendAsync(request);
            await basic.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
            return;
        }

        await (await client.GetAsync("/api/me")).Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    public static TheoryData<string, string> NonStringIdentityClaims() => new()
    {
        { "partner_id", """["p-a","p-b"]""" },
        { "partner_id", """["p-a"]""" },
        { "partner_id", "42" },
        { "partner_id", """{"id":"p-a"}""" },
        { "customer_uin", """["u-1","u-2"]""" },
        { "distributor_id", """["d-1","d-2"]""" },
        { "sub", """["alice","bob"]""" },
        { "roles", """[["reseller"]]""" },
        { "roles", """["reseller",7]""" },
    };

    [Theory]
    [MemberData(nameof(NonStringIdentityClaims))]
    public async Task An_identity_claim_that_is_not_a_single_string_is_401(string claim, string json)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "alice",
            ["roles"] = new[] { "second-level-reseller", "customer" },
            ["partner_id"] = "p-a",
            ["customer_uin"] = "u-1",
            ["distributor_id"] = "d-1",
        };
        claims[claim] = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(json);

        await (await app.WithToken(Signed(claims)).GetAsync("/api/me")).Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        claims[claim] = claim == "roles" ? new[] { "second-level-reseller", "customer" } : claim == "sub" ? "alice" : "x-1";
        await app.WithToken(Signed(claims)).GetAsync("/api/me").Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_single_role_as_a_plain_string_is_accepted()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "alice", ["roles"] = "reseller", ["partner_id"] = "p-a" };

        var me = await app.WithToken(Signed(claims)).GetAsync("/api/me").Json(HttpStatusCode.OK);

        Assert.Equal(["reseller"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private string Signed(Dictionary<string, object> claims) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = app.Tokens.Issuer,
        Audience = app.Tokens.Audience,
        Claims = claims,
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(app.Tokens.SigningKey)), SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task Vendor_roles_need_no_partner_id()
    {
        var me = await app.AsVendor("channel-manager").GetAsync("/api/me").Json(HttpStatusCode.OK);

        Assert.False(me.TryGetProperty("partnerId", out _));
        Assert.Equal(["channel-manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
