using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Vendor;

/// <summary>A partner API key as created through the bearer API.</summary>
public sealed record PartnerKey(string SecretId, string SecretKey);

/// <summary>
/// Runs sdk/sdk-calls.js with node (from PATH): the vendor's official Node SDK from the repository's
/// node_modules (installed by <c>npm ci</c>), pointed at the app served by the test host.
/// </summary>
public static class VendorSdk
{
    public static string Endpoint(AppHostFixture app) => $"{app.Host.BaseAddress.Host}:{app.Host.BaseAddress.Port}/api/vendor";

    public static async Task<PartnerKey> CreateKeyAsync(this ApiClient partner, string role, string? customerUin = null, string name = "sdk test")
    {
        var created = await partner.PostAsync("/api/api-keys", new { name, role, customerUin }).Json(HttpStatusCode.Created);
        return new PartnerKey(created.GetProperty("key").Str("secretId"), created.Str("secretKey"));
    }

    public static JsonObject Call(string id, string via, PartnerKey key, string action, object? parameters = null) => new()
    {
        ["id"] = id,
        ["via"] = via,
        ["secretId"] = key.SecretId,
        ["secretKey"] = key.SecretKey,
        ["action"] = action,
        ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }),
    };

    /// <summary>Runs the calls (one after another, or all at once) and answers each call's result by id.</summary>
    public static async Task<Dictionary<string, JsonObject>> RunAsync(AppHostFixture app, IEnumerable<JsonObject> calls, bool parallel = false)
    {
        var plan = new JsonObject { ["endpoint"] = Endpoint(app), ["parallel"] = parallel, ["calls"] = new JsonArray(calls.ToArray<JsonNode>()) };
        var script = Path.Combine(RepositoryRoot(), "tests", "VoucherFunctions.Functions.Tests", "Vendor", "sdk", "sdk-calls.js");
        var start = new ProcessStartInfo("node", [script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot() };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await process.StandardInput.WriteAsync(plan.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {await errors}");
        return JsonNode.Parse(await output)!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["id"]!);
    }

    public static JsonObject Ok(this Dictionary<string, JsonObject> results, string id)
    {
        var result = results[id];
        Assert.True((bool)result["ok"]!, $"{id}: {result.ToJsonString()}");
        return result["response"]!.AsObject();
    }

    public static void Refused(this Dictionary<string, JsonObject> results, string id, string code)
    {
        var result = results[id];
        Assert.False((bool)result["ok"]!, $"{id} should be refused with {code}: {result.ToJsonString()}");
        Assert.Equal(code, (string?)result["code"]);
        Assert.False(string.IsNullOrEmpty((string?)result["requestId"]), $"{id}: no RequestId");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VoucherFunctions.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (VoucherFunctions.sln) was not found above the test binaries.");
    }
}
