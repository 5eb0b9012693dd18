using Microsoft.AspNetCore.Http;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Http;

namespace VoucherFunctions.Functions.Tests.Architecture;

/// <summary>
/// The use cases, the orchestration, billing and storage speak the domain's language: none of their types refers to
/// the HTTP layer (<c>VoucherFunctions.Http</c>) or to ASP.NET Core and the Functions HTTP extension. Status codes,
/// headers and problem details belong to <c>Api/</c> and <c>Http/</c>.
/// </summary>
public sealed class LayerTests
{
    private static readonly string[] FreeOfHttp = ["VoucherFunctions.Application", "VoucherFunctions.Approval", "VoucherFunctions.Billing", "VoucherFunctions.Storage"];

    [Fact]
    public void Application_approval_billing_and_storage_refer_to_nothing_of_http()
    {
        var layers = typeof(UseCaseException).Assembly.GetTypes()
            .Where(t => !t.IsNested && FreeOfHttp.Any(ns => t.Namespace == ns || t.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) == true))
            .ToList();

        Assert.Contains(layers, t => t.Namespace == "VoucherFunctions.Approval");
        Assert.Contains(layers, t => t.Namespace == "VoucherFunctions.Billing");
        Assert.Contains(layers, t => t.Namespace == "VoucherFunctions.Storage");
        Assert.Empty(layers.SelectMany(HttpReferencesOf).Distinct());
    }

    [Fact]
    public void The_check_sees_http_used_in_a_signature_a_method_body_a_lambda_and_an_async_method()
    {
        Assert.Contains(HttpReferencesOf(typeof(TakesARequest)), v => v.Contains("Microsoft.AspNetCore.Http.HttpRequest", StringComparison.Ordinal));
        Assert.Contains(HttpReferencesOf(typeof(ThrowsAnApiException)), v => v.Contains("VoucherFunctions.Http.ApiException", StringComparison.Ordinal));
        Assert.Contains(HttpReferencesOf(typeof(ThrowsInALambda)), v => v.Contains("VoucherFunctions.Http.ApiException", StringComparison.Ordinal));
        Assert.Contains(HttpReferencesOf(typeof(AnswersInAnAsyncMethod)), v => v.Contains("VoucherFunctions.Http.ApiResponse", StringComparison.Ordinal));
        Assert.Contains(HttpReferencesOf(typeof(CallsAHelper)), v => v.Contains("VoucherFunctions.Http.ETags", StringComparison.Ordinal));
        Assert.Empty(HttpReferencesOf(typeof(SpeaksTheDomain)));
    }

    /// <summary>"type → forbidden type (member)" for each use of the HTTP layer, ASP.NET Core or the Functions HTTP extension.</summary>
    private static IEnumerable<string> HttpReferencesOf(Type type) =>
        TypeReferences.Of(type).Where(r => IsHttp(r.Used)).Select(r => $"{r.Where} → {r.Used.FullName}");

    private static bool IsHttp(Type type)
    {
        var ns = type.Namespace ?? string.Empty;
        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        return ns == "VoucherFunctions.Http" || ns.StartsWith("VoucherFunctions.Http.", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || assembly.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || assembly.StartsWith("Microsoft.Azure.Functions.Worker.Extensions.Http", StringComparison.Ordinal);
    }

    // Samples the check must catch (and one it must pass), so the test above cannot pass by seeing nothing.
    private sealed class TakesARequest
    {
        public static string PathOf(HttpRequest request) => request.Path;
    }

    private sealed class ThrowsAnApiException
    {
        public static void Refuse() => throw ApiException.Forbidden("no");
    }

    private sealed class ThrowsInALambda
    {
        public static Func<int> Refusal() => () => throw ApiException.NotFound("thing");
    }

    private sealed class AnswersInAnAsyncMethod
    {
        public static async Task<int> StatusAsync()
        {
            await Task.Yield();
            return ApiResponse.Ok(new object()).Status;
        }
    }

    private sealed class CallsAHelper
    {
        public static string Etag() => ETags.From("v1");
    }

    private sealed class SpeaksTheDomain
    {
        public static UseCaseException Refuse() => UseCaseException.NotFound("thing");
    }
}
