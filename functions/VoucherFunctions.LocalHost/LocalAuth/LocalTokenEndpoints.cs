using System.Text.Json;

namespace VoucherFunctions.LocalHost.LocalAuth;

/// <summary>
/// POST /local/tokens (local host only, never in the Azure app): mints a token the app accepts.
/// Body: {"roles":["reseller"],"partnerId":"partner-demo","customerUin":null,"distributorId":null,"lifetimeMinutes":480}.
/// </summary>
public static class LocalTokenEndpoints
{
    public const string Route = "/local/tokens";

    public static void Map(WebApplication app, LocalTokenIssuer issuer)
    {
        app.MapPost(Route, async (HttpContext context) =>
        {
            MintRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<MintRequest>(context.Request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web), context.RequestAborted);
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body?.Roles is not { Count: > 0 } roles || body.LifetimeMinutes is < 1 or > 1440)
            {
                return Results.Problem(statusCode: 400, title: "Bad Request", detail: "Give at least one role, and lifetimeMinutes from 1 to 1440.", extensions: new Dictionary<string, object?> { ["code"] = "request.field_invalid" });
            }

            var lifetime = TimeSpan.FromMinutes(body.LifetimeMinutes ?? 480);
            var token = issuer.Mint(new TokenRequest(roles, body.PartnerId, body.CustomerUin, body.DistributorId, body.Subject) { Lifetime = lifetime });
            return Results.Json(new { token, expiresAt = DateTimeOffset.UtcNow + lifetime }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        });
    }

    private sealed record MintRequest(IReadOnlyList<string>? Roles, string? PartnerId, string? CustomerUin, string? DistributorId, string? Subject, int? LifetimeMinutes);
}
