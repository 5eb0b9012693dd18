using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoucherFunctions.Functions.Tests.Api.Approval;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.LocalHost.LocalAuth;

namespace VoucherFunctions.Functions.Tests.Http;

/// <summary>
/// Walks every operation of the app's own OpenAPI document and sends it hostile text: an over-long value and a
/// value with control characters in every string field of its request body (the rest of the body valid, against
/// real seeded records, so the bad value reaches the code that stores it) and in every query parameter, and an
/// unknown query parameter. Every answer must be a 4xx problem details: never a 5xx, never accepted.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiWalkTests(AppHostFixture app)
{
    /// <summary>Far over every text limit and over Table Storage's 64 KiB per property (32 K UTF-16 characters).</summary>
    private static readonly string OverLongBody = new('x', 70_000);

    /// <summary>Over every query limit, under Kestrel's 8 KiB request line.</summary>
    private static readonly string OverLongQuery = new('x', 2_000);

    private const string ControlCharacters = "x\u0000y\u001bz\u0007";

    [Fact]
    public async Task Every_operation_answers_hostile_text_in_every_body_field_and_query_parameter_with_4xx_problem_details()
    {
        var world = await SeedAsync();
        var document = await app.WithToken(null).GetAsync("/api/openapi.json").Json(HttpStatusCode.OK);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var sent = 0;
        var freeText = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.GetProperty("responses").TryGetProperty("400", out _) || path.Name == "/api/vendor")
                {
                    // /api/vendor speaks the vendor's protocol: HTTP 200 with Response.Error codes (Vendor/ tests).
                    continue; // health: a probe, not an API operation (it declares no problem answers)
                }

                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var route = world.Route(path.Name);
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var body = BodyOf(operation.Value, schemas) is { } schemaName ? world.SampleBody(schemaName, method) : null;
                var ifMatch = parameters.Any(x => x.Str("name") == "If-Match") ? await world.ETagAsync(route) : null;

                async Task Expect(string what, string url, JsonNode? content, string? expectField = null)
                {
                    sent++;
                    using var request = new HttpRequestMessage(method, url);
                    request.Headers.Authorization = new("Bearer", world.Token);
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
                    if (ifMatch is not null)
                    {
                        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                    }

                    if (content is not null)
                    {
                        request.Content = new StringContent(content.ToJsonString(), Encoding.UTF8, "application/json");
                    }

                    using var response = await app.Http.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                    var text = await response.Content.ReadAsStringAsync();
                    if (status is < 400 or >= 500 || !isProblem)
                    {
                        failures.Add($"{method} {path.Name} {what}: {status} {text[..Math.Min(text.Length, 200)]}");
                    }
                    else if (expectField is not null && (status != 400 || JsonDocument.Parse(text).RootElement.Str("field") != expectField))
                    {
                        failures.Add($"{method} {path.Name} {what}: not a 400 about '{expectField}': {status} {text[..Math.Min(text.Length, 200)]}");
                    }
                }

                await Expect("unknown query parameter", route + "?walkUnknown=1", body);
                foreach (var parameter in parameters.Where(x => x.Str("in") == "query"))
                {
                    var name = parameter.Str("name");
                    await Expect($"query {name} over-long", $"{route}?{name}={OverLongQuery}", body);
                    await Expect($"query {name} control characters", $"{route}?{name}={Uri.EscapeDataString(ControlCharacters)}", body);
                }

                if (body is null)
                {
                    continue;
                }

                foreach (var (field, maxLength) in StringFields(schemas, BodyOf(operation.Value, schemas)!, []))
                {
                    var name = string.Join('.', field);
                    await Expect($"body {name} over-long", route, With(body, field, OverLongBody));
                    await Expect($"body {name} control characters", route, With(body, field, ControlCharacters));
                    if (maxLength is { } limit)
                    {
                        freeText++;
                        await Expect($"body {name} one over its maxLength", route, With(body, field, new string('x', limit + 1)), expectField: name);
                    }
                }
            }
        }

        Assert.True(sent > 200, $"Only {sent} requests were sent; the walk did not reach the operations.");
        Assert.True(freeText >= 10, $"Only {freeText} body fields declare a maxLength; every free-text field should.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests were not refused with 4xx problem details:\n" + string.Join('\n', failures));
    }

    private static string? BodyOf(JsonElement operation, JsonElement schemas) =>
        operation.TryGetProperty("requestBody", out var body)
            ? RefName(body.GetProperty("content").GetProperty("application/json").GetProperty("schema"))
            : null;

    private static string? RefName(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return reference.GetString()!.Split('/')[^1];
        }

        return schema.TryGetProperty("allOf", out var all) ? RefName(all[0]) : null;
    }

    /// <summary>Paths to every string-valued place in a schema (string properties, nested objects, the first element of string arrays), with the declared maxLength.</summary>
    private static IEnumerable<(string[] Path, int? MaxLength)> StringFields(JsonElement schemas, string name, string[] prefix)
    {
        foreach (var property in schemas.GetProperty(name).GetProperty("properties").EnumerateObject())
        {
            var path = prefix.Append(property.Name).ToArray();
            var schema = property.Value;
            if (RefName(schema) is { } nested && schemas.GetProperty(nested).TryGetProperty("properties", out _))
            {
                foreach (var inner in StringFields(schemas, nested, path))
                {
                    yield return inner;
                }
            }
            else if (IsString(schema) || RefName(schema) is not null)
            {
                yield return (path, schema.TryGetProperty("maxLength", out var max) ? max.GetInt32() : null);
            }
            else if (HasType(schema, "array") && IsString(schema.GetProperty("items")))
            {
                yield return (path.Append("0").ToArray(), null);
            }
        }
    }

    private static bool IsString(JsonElement schema) =>
        HasType(schema, "string") || (schema.TryGetProperty("oneOf", out var options) && options.EnumerateArray().Any(IsString));

    /// <summary>OpenAPI 3.1 (JSON Schema 2020-12): <c>type</c> is a name or a list of names (<c>["string", "null"]</c>).</summary>
    private static bool HasType(JsonElement schema, string name) =>
        schema.TryGetProperty("type", out var type)
        && (type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => t.GetString() == name) : type.GetString() == name);

    private static JsonNode With(JsonNode body, string[] path, string value)
    {
        var copy = body.DeepClone();
        JsonNode node = copy;
        for (var i = 0; i < path.Length - 1; i++)
        {
            var next = path[i + 1] == "0" ? (JsonNode)new JsonArray() : new JsonObject();
            node = node[path[i]] ??= next;
        }

        if (path[^1] == "0")
        {
            var array = (JsonArray)node;
            if (array.Count == 0)
            {
                array.Add(value);
            }
            else
            {
                array[0] = value;
            }
        }
        else
        {
            node[path[^1]] = value;
        }

        return copy;
    }

    private async Task<World> SeedAsync()
    {
        var trial = new TrialScenario(app);
        var s = trial.Partner;
        var uin = await s.CustomerAsync();
        var customerTemplateId = await s.TemplateIdAsync();
        var partnerTemplateId = await s.TemplateIdAsync(TrialScenario.PartnerTemplate());
        var voucherId = (await s.IssueAsync(customerTemplateId, [uin])).GetProperty("vouchers")[0].Str("voucherId");
        var application = await trial.ApplyAsync();
        var token = app.Tokens.Mint(new TokenRequest(["reseller", "distributor", "reviewer", "channel-manager", "customer"], s.PartnerId, uin, DistributorId: "d-walk"));
        var webhook = await app.WithToken(token).PostAsync("/api/webhooks", new { url = "http://127.0.0.1:9/walk", eventTypes = new[] { "bill.applied" } }).Json(HttpStatusCode.Created);
        return new World(app, token, s.PartnerId, uin, customerTemplateId, partnerTemplateId, voucherId, application.Str("applicationId"), webhook.GetProperty("webhook").Str("webhookId"));
    }

    private sealed record World(AppHostFixture App, string Token, string PartnerId, string Uin, string CustomerTemplateId, string PartnerTemplateId, string VoucherId, string ApplicationId, string WebhookId)
    {
        public string Route(string template) => template
            .Replace("{partnerId}", PartnerId, StringComparison.Ordinal)
            .Replace("{templateId}", CustomerTemplateId, StringComparison.Ordinal)
            .Replace("{voucherId}", VoucherId, StringComparison.Ordinal)
            .Replace("{uin}", Uin, StringComparison.Ordinal)
            .Replace("{applicationId}", ApplicationId, StringComparison.Ordinal)
            .Replace("{code}", "prod-walk", StringComparison.Ordinal)
            .Replace("{billId}", "bill-walk", StringComparison.Ordinal)
            .Replace("{distributorId}", "d-walk", StringComparison.Ordinal)
            .Replace("{resellerId}", "r-walk", StringComparison.Ordinal)
            .Replace("{webhookId}", WebhookId, StringComparison.Ordinal)
            .Replace("{deliveryId}", "d-walk", StringComparison.Ordinal);

        public async Task<string> ETagAsync(string route)
        {
            using var response = await App.WithToken(Token).GetAsync(route);
            return response.Headers.ETag?.ToString() ?? "\"none\"";
        }

        /// <summary>A body the operation would accept, so the one hostile value is what it must refuse.</summary>
        public JsonNode SampleBody(string schema, HttpMethod method) => JsonNode.Parse(schema switch
        {
            "TemplateRequest" when method == HttpMethod.Put => """{"name":"Edited","note":"n","defaultAmount":"100","currency":"USD","productScope":{"kind":"allProducts"},"paymentModeScope":"all","validity":{"days":30}}""",
            "TemplateRequest" => """{"family":"customerVoucher","name":"New","note":"n","defaultAmount":"100","currency":"USD","productScope":{"kind":"allProducts"},"paymentModeScope":"all","validity":{"days":30}}""",
            "ApplyRequest" => $$"""{"templateId":"{{PartnerTemplateId}}","customerUins":["{{Uin}}"],"amount":"80","acknowledged":true,"applyReason":"POC"}""",
            "RejectRequest" => """{"reason":"not now"}""",
            "IssueCustomerVouchersRequest" => $$"""{"templateId":"{{CustomerTemplateId}}","customerUins":["{{Uin}}"],"amount":"10","note":"n"}""",
            "GrantGeneralVoucherRequest" => """{"name":"Launch credit","note":"n","amount":"1000","currency":"USD","productScope":{"kind":"allProducts"},"paymentModeScope":"all","validity":{"days":90}}""",
            "CreateCustomerRequest" => """{"uin":"walk-new","name":"N","groupModeRole":"none","organizationMode":false}""",
            "UpdateCustomerRequest" => """{"name":"N"}""",
            "SaveProductRequest" => """{"name":"P"}""",
            "SaveBlocklistRequest" => """{"products":[]}""",
            "QuotaAdjustmentRequest" => """{"amount":"10"}""",
            "RegisterResellerRequest" => """{"resellerId":"r-walk","currency":"USD"}""",
            "SaveSettingsRequest" => """{"associatedVouchersDeductedFirst":true}""",
            "CreateApiKeyRequest" => """{"name":"walk key","role":"reseller"}""",
            "BillExplainRequest" or "BillMessageV1" => $$"""{"version":1,"billId":"walk-bill","partnerId":"{{PartnerId}}","payerKind":"customer","customerUin":"{{Uin}}","currency":"USD","billTime":"2025-03-10T08:30:00Z","lines":[{"lineId":"1","productCode":"cvm","paymentMode":"postpaid","amount":"1"}]}""",
            "WebhookRequest" => """{"url":"http://127.0.0.1:9/walk","eventTypes":["bill.applied"],"description":"walk","enabled":true}""",
            _ => throw new InvalidOperationException($"No sample body for {schema}: add one so the walk covers its fields."),
        })!;
    }
}
