using System.ComponentModel.DataAnnotations;
using System.Net;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Http.Auth;

namespace VoucherFunctions.Functions.Tests.Http;

[Collection(AppCollection.Name)]
public sealed class ConventionTests(AppHostFixture app)
{
    [Fact]
    public async Task Json_is_camel_case_and_a_non_json_body_is_415()
    {
        var s = new Scenario(app);

        var response = await s.Partner.PostRawAsync("/api/customers", "uin=1", contentType: "application/x-www-form-urlencoded");

        await response.Problem(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
        var text = await (await s.Partner.GetAsync("/api/settings")).Content.ReadAsStringAsync();
        Assert.Contains("\"associatedVouchersDeductedFirst\":true", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_carry_type_title_status_detail_code_and_instance()
    {
        var s = new Scenario(app);

        var problem = await s.Partner.GetAsync("/api/templates/none").Problem(HttpStatusCode.NotFound, "resource.not_found");

        Assert.Equal("urn:voucher-functions:problem:resource.not_found", problem.Str("type"));
        Assert.Equal("Not Found", problem.Str("title"));
        Assert.Equal("/api/templates/none", problem.Str("instance"));
        Assert.False(string.IsNullOrEmpty(problem.Str("detail")));
    }

    [Fact]
    public async Task A_tampered_continuation_token_is_400()
    {
        var s = new Scenario(app);

        await s.Partner.GetAsync("/api/customers?continuationToken=not-a-token").Problem(HttpStatusCode.BadRequest, "page.token_invalid");
        await s.Partner.GetAsync("/api/customer-vouchers?continuationToken=eyJ4IjoxfQ").Problem(HttpStatusCode.BadRequest, "page.token_invalid");
    }

    public static TheoryData<string?, string?, bool> AuthSettings() => new()
    {
        { Convert.ToBase64String(new byte[32]), null, true },
        { null, "https://login.example.test/tenant/v2.0/.well-known/openid-configuration", true },
        { null, null, false },
        { Convert.ToBase64String(new byte[32]), "https://login.example.test/x", false },
        { Convert.ToBase64String(new byte[16]), null, false },
        { "not base64!", null, false },
        { null, "http://insecure.example.test/metadata", false },
    };

    [Theory]
    [MemberData(nameof(AuthSettings))]
    public void Auth_options_need_exactly_one_valid_key_source(string? signingKey, string? metadata, bool valid)
    {
        var options = new AuthOptions { Issuer = "https://issuer.test/", Audience = "api://x", SigningKey = signingKey, MetadataAddress = metadata };

        var results = new List<ValidationResult>();
        var ok = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(valid, ok);
    }

    [Fact]
    public async Task The_app_refuses_to_start_without_auth_settings()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await VoucherFunctions.LocalHost.LocalFunctionsHost.StartAsync(new VoucherFunctions.LocalHost.LocalHostOptions
            {
                FunctionAssembly = typeof(VoucherFunctions.Composition.VoucherFunctionsRegistration).Assembly,
                ConfigureServices = (services, configuration) => VoucherFunctions.Composition.VoucherFunctionsRegistration.AddVoucherFunctions(services, configuration),
                Url = "http://127.0.0.1:0",
                StorageConnectionString = app.Host.StorageConnectionString,
                TaskHubName = "NoAuth" + Guid.NewGuid().ToString("N")[..8],
            });
        });

        Assert.Contains("Auth", error.ToString(), StringComparison.Ordinal);
    }
}
