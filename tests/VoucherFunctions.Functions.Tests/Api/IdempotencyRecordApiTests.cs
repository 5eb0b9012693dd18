using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Functions.Tests.Infrastructure;

namespace VoucherFunctions.Functions.Tests.Api;

/// <summary>
/// What an Idempotency-Key record holds: the use case's result, which the HTTP layer renders on every replay; and
/// records written by the version before (which held the HTTP answer itself) still replay exactly what they stored.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IdempotencyRecordApiTests(AppHostFixture app)
{
    private static readonly string Body = JsonSerializer.Serialize(Scenario.CustomerTemplate(), JsonSerializerOptions.Web);

    [Fact]
    public async Task A_record_holds_the_use_case_result_and_no_http_status_or_headers()
    {
        var s = new Scenario(app);

        var first = await s.Partner.PostRawAsync("/api/templates", Body, "result-key");
        var firstText = await first.Content.ReadAsStringAsync();
        var replay = await s.Partner.PostRawAsync("/api/templates", Body, "result-key");

        var record = await Store.GetAsync(s.PartnerId, "CreateTemplate", "result-key");
        Assert.NotNull(record);
        Assert.False(record.IsHttpAnswer);
        Assert.Null(record.StatusCode);
        Assert.Empty(record.ResponseHeaders);
        using var result = JsonDocument.Parse(record.ResponseJson);
        Assert.Equal(JsonDocument.Parse(firstText).RootElement.GetProperty("templateId").GetString(), result.RootElement.GetProperty("value").GetProperty("templateId").GetString());
        Assert.True(result.RootElement.TryGetProperty("version", out _));

        // Rendered from the result, the replay is the first answer again: status, body, Location and ETag.
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstText, await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task A_record_written_before_results_were_kept_replays_the_http_answer_it_stored()
    {
        var s = new Scenario(app);
        const string storedBody = """{"templateId":"tpl-stored-by-v0","name":"Spring discount"}""";
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Location"] = "/api/templates/tpl-stored-by-v0",
            ["ETag"] = "\"djA\"",
        };
        await Store.TryAddAsync(new IdempotencyRecord(s.PartnerId, "CreateTemplate", "legacy-key", HashOf("POST", "/api/templates", Body), 201, storedBody, DateTimeOffset.UtcNow, headers));

        var replay = await s.Partner.PostRawAsync("/api/templates", Body, "legacy-key");

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(storedBody, await replay.Content.ReadAsStringAsync());
        Assert.Equal("/api/templates/tpl-stored-by-v0", replay.Headers.Location?.OriginalString);
        Assert.Equal("\"djA\"", replay.Headers.ETag?.Tag);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        // Answered from the record: the use case did not run again.
        Assert.Equal(0, (await s.Partner.GetAsync("/api/templates").Json(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        await s.Partner.PostRawAsync("/api/templates", Body.Replace("Spring", "Autumn", StringComparison.Ordinal), "legacy-key")
            .Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
    }

    private IIdempotencyStore Store => app.Host.Services.GetRequiredService<IIdempotencyStore>();

    /// <summary>The request hash as the gate computes it (method, path, exact body bytes).</summary>
    private static string HashOf(string method, string path, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method} {path}\n{body}")));
}
