using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.Functions.Tests.Vendor;

namespace VoucherFunctions.Functions.Tests.Http;

/// <summary>
/// The served document as other tools read it: Microsoft.OpenApi's reader and validation rules, and Spectral's
/// recommended OpenAPI rules (<c>.spectral.yaml</c>; Spectral is a devDependency in package.json, run with node).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiLintTests(AppHostFixture app)
{
    [Fact]
    public async Task Microsoft_OpenApi_reads_the_document_as_3_1_without_errors_or_warnings_and_its_rules_pass()
    {
        var read = OpenApiDocument.Parse(await DocumentAsync(), OpenApiConstants.Json);

        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic!.SpecificationVersion);
        Assert.True(read.Diagnostic.Errors.Count == 0, string.Join("\n", read.Diagnostic.Errors));
        Assert.True(read.Diagnostic.Warnings.Count == 0, string.Join("\n", read.Diagnostic.Warnings));
        var broken = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!.ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public async Task Spectral_recommended_openapi_rules_find_nothing()
    {
        var root = VendorSdk.RepositoryRoot();
        var file = Path.Combine(Path.GetTempPath(), $"voucher-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await DocumentAsync());
        try
        {
            var spectral = Path.Combine(root, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
            Assert.True(File.Exists(spectral), $"Spectral is missing: run npm ci ({spectral}).");
            var start = new ProcessStartInfo("node", [spectral, "lint", file, "--ruleset", Path.Combine(root, ".spectral.yaml"), "--format", "json", "--quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            var text = (await output).Trim();
            Assert.True(text.StartsWith('['), $"Spectral did not answer JSON (exit {process.ExitCode}): {text} {await errors}");
            var findings = JsonDocument.Parse(text).RootElement.EnumerateArray()
                .Select(f => $"{f.Str("code")} at {string.Join('.', f.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}: {f.Str("message")}")
                .ToList();
            Assert.True(findings.Count == 0, $"{findings.Count} Spectral findings:\n" + string.Join('\n', findings));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Template_and_bill_bodies_carry_examples_in_the_api_wire_format()
    {
        var paths = (await app.WithToken(null).GetAsync("/api/openapi.json").Json(HttpStatusCode.OK)).GetProperty("paths");

        var create = paths.GetProperty("/api/templates").GetProperty("post");
        var request = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("customerVoucher", request.Str("family"));
        Assert.Equal("100", request.Str("defaultAmount"));
        var created = create.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.StartsWith("tpl-", created.Str("templateId"), StringComparison.Ordinal);
        Assert.True(paths.GetProperty("/api/templates/{templateId}").GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
        var bill = paths.GetProperty("/api/bills/{billId}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("applied", bill.Str("status"));
        Assert.Equal("12.5", bill.GetProperty("lines")[0].GetProperty("allocations")[0].Str("amount"));
    }

    private async Task<string> DocumentAsync()
    {
        using var response = await app.WithToken(null).GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
