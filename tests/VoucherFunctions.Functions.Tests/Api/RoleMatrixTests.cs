using System.Net;
using VoucherFunctions.Composition;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.LocalHost.LocalAuth;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>
/// Each role against each endpoint of the partner API: a role the spec does not admit gets 403 auth.forbidden;
/// an admitted one gets past authorisation (the bodies are deliberately invalid, so nothing changes).
/// The expected roles are written out here from the spec, not read from the code.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RoleMatrixTests(AppHostFixture app)
{
    private const string Partners = "reseller distributor second-level-reseller";
    private const string Everyone = Partners + " reviewer channel-manager customer";

    private static readonly string[] AllRoles = ["reseller", "distributor", "second-level-reseller", "reviewer", "channel-manager", "customer"];

    /// <summary>(function, method, path, allowed roles).</summary>
    public static readonly (string Function, string Method, string Path, string Allowed)[] Matrix =
    [
        ("GetMe", "GET", "/api/me", Everyone),
        ("CreateCustomer", "POST", "/api/customers", Partners),
        ("GetCustomer", "GET", "/api/customers/x", Partners),
        ("UpdateCustomer", "PUT", "/api/customers/x", Partners),
        ("ListCustomers", "GET", "/api/customers", Partners),
        ("ListProducts", "GET", "/api/catalogue/products", Everyone),
        ("GetProduct", "GET", "/api/catalogue/products/x", Everyone),
        ("SaveProduct", "PUT", "/api/catalogue/products/x", "channel-manager"),
        ("GetBlocklist", "GET", "/api/catalogue/blocklist", Everyone),
        ("SaveBlocklist", "PUT", "/api/catalogue/blocklist", "channel-manager"),
        ("CreateTemplate", "POST", "/api/templates", Partners),
        ("GetTemplate", "GET", "/api/templates/x", Partners),
        ("EditTemplate", "PUT", "/api/templates/x", Partners),
        ("ListTemplates", "GET", "/api/templates", Partners),
        ("IssueCustomerVouchers", "POST", "/api/customer-vouchers", Partners),
        ("GetCustomerVoucher", "GET", "/api/customer-vouchers/x", Partners),
        ("ListCustomerVouchers", "GET", "/api/customer-vouchers", Partners),
        ("WithdrawCustomerVoucher", "POST", "/api/customer-vouchers/x/withdraw", Partners),
        ("GetAssociatedPartnerVoucher", "GET", "/api/customer-vouchers/x/associated", Partners),
        ("SummarizeCustomerVouchers", "GET", "/api/customer-voucher-summary?customerUins=x", Partners),
        ("ListVoucherUsage", "GET", "/api/vouchers/x/usage", Partners),
        ("GetPartnerSettings", "GET", "/api/settings", Partners),
        ("SavePartnerSettings", "PUT", "/api/settings", Partners),
        ("ListMyVouchers", "GET", "/api/my/vouchers", "customer"),
        ("GetMyVoucher", "GET", "/api/my/vouchers/x", "customer"),
        ("ListMyVoucherUsage", "GET", "/api/my/vouchers/x/usage", "customer"),
        ("ExplainBill", "POST", "/api/bills/explain", Partners),
        ("ExplainMyBill", "POST", "/api/my/bills/explain", "customer"),
        ("GetBillOutcome", "GET", "/api/bills/bill-1", Partners),
        ("GetReconciliationReport", "GET", "/api/reports/reconciliation?month=2025-03", Partners),
        ("GetVendorReport", "GET", "/api/reports/vendor?month=2025-03", "channel-manager"),
    ];

    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (var row in Matrix)
        {
            data.Add(row.Function);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_role_is_admitted_or_forbidden_as_the_spec_says(string function)
    {
        var (_, method, path, allowed) = Matrix.Single(m => m.Function == function);
        var partnerId = "p-roles-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var role in AllRoles)
        {
            var token = app.Tokens.Mint(new TokenRequest([role], role is "reviewer" or "channel-manager" ? null : partnerId,
                CustomerUin: role == "customer" ? "c-1" : null, DistributorId: role == "second-level-reseller" ? "d-1" : null));
            var client = app.WithToken(token);
            var response = method switch
            {
                "GET" => await client.GetAsync(path),
                "POST" => await client.PostRawAsync(path, "{}"),
                _ => await client.SendJsonAsync(HttpMethod.Put, path, "{}"),
            };
            var text = await response.Content.ReadAsStringAsync();
            if (allowed.Split(' ').Contains(role))
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{role} should reach {method} {path}: {(int)response.StatusCode} {text}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} must be forbidden {method} {path}: {(int)response.StatusCode} {text}");
                Assert.Contains("auth.forbidden", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_matrix_covers_every_function_of_the_partner_api()
    {
        string[] namespaces = ["Bills", "Catalogue", "CustomerPortal", "CustomerVouchers", "Customers", "Me", "Reports", "Settings", "Templates", "Usage"];
        var functions = HttpFunctionInfo.Discover(typeof(VoucherFunctionsRegistration).Assembly)
            .Where(f => namespaces.Any(n => f.Method.DeclaringType!.Namespace == "VoucherFunctions.Api." + n))
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Matrix.Select(m => m.Function).Order(StringComparer.Ordinal), functions);
    }

    [Fact]
    public async Task Every_protected_endpoint_refuses_a_missing_token()
    {
        foreach (var (_, method, path, _) in Matrix)
        {
            var client = app.WithToken(null);
            var response = method == "GET" ? await client.GetAsync(path) : await client.SendJsonAsync(new HttpMethod(method), path, "{}", "k1");
            await response.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        }
    }
}
