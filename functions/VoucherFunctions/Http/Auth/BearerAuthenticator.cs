using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace VoucherFunctions.Http.Auth;

/// <summary>
/// Turns the request's bearer token into an <see cref="Actor"/>, or refuses it (401). The token must be
/// signed by a configured key, issued by the configured issuer for the configured audience, within its
/// lifetime, and carry a subject and at least one known role; partner and customer roles need a partner id.
/// </summary>
public sealed partial class BearerAuthenticator(SigningKeySource keys, ILogger<BearerAuthenticator> logger)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<Actor> AuthenticateAsync(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            throw ApiException.Unauthenticated("A bearer token is required.");
        }

        var result = await _handler.ValidateTokenAsync(header[scheme.Length..].Trim(), keys.Parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            LogRejected(logger, result.Exception?.GetType().Name ?? "unknown");
            throw ApiException.Unauthenticated("The bearer token is not valid.");
        }

        if (!IdentityClaimsAreStrings(token))
        {
            LogNotString(logger);
            throw ApiException.Unauthenticated("The bearer token's identity claims (sub, partner_id, customer_uin, distributor_id, roles) must each be a single string (roles: strings).");
        }

        return ToPrincipal(token);
    }

    /// <summary>
    /// The claims that say who the caller is must be plain JSON strings (<c>roles</c>: a string or an array of strings).
    /// The token handler flattens an array into one claim per element and turns numbers and objects into text
    /// (JsonClaimSet.CreateClaimFromObject), so its TryGetClaim would quietly pick <c>["p-a","p-b"]</c>'s first value;
    /// the raw payload is checked instead.
    /// </summary>
    private static bool IdentityClaimsAreStrings(JsonWebToken token)
    {
        using var payload = System.Text.Json.JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        foreach (var name in ClaimNames.Identity)
        {
            if (payload.RootElement.TryGetProperty(name, out var value) && value.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                return false;
            }
        }

        return !payload.RootElement.TryGetProperty(ClaimNames.Roles, out var roles)
            || roles.ValueKind == System.Text.Json.JsonValueKind.String
            || (roles.ValueKind == System.Text.Json.JsonValueKind.Array && roles.EnumerateArray().All(r => r.ValueKind == System.Text.Json.JsonValueKind.String));
    }

    private Actor ToPrincipal(JsonWebToken token)
    {
        var subject = Claim(token, ClaimNames.Subject);
        var roles = ActorRoles.Anonymous;
        foreach (var claim in token.Claims.Where(c => c.Type == ClaimNames.Roles))
        {
            roles |= RoleNames.All.GetValueOrDefault(claim.Value);
        }

        var partnerId = Claim(token, ClaimNames.PartnerId);
        var customerUin = Claim(token, ClaimNames.CustomerUin);
        var incomplete = subject is null
            || roles == ActorRoles.Anonymous
            || ((roles & (ActorRoles.Partners | ActorRoles.Customer)) != 0 && !Domain.Ids.Ids.IsValid(partnerId))
            || ((roles & ActorRoles.Customer) != 0 && !Domain.Ids.Ids.IsValid(customerUin));
        if (incomplete)
        {
            LogIncomplete(logger, subject ?? "(none)");
            throw ApiException.Unauthenticated("The bearer token lacks a subject, a known role, or the partner id (and customer UIN) its roles need.");
        }

        return new Actor(subject!, roles, partnerId, customerUin, Claim(token, ClaimNames.DistributorId));
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetClaim(type, out var claim) && !string.IsNullOrWhiteSpace(claim.Value) ? claim.Value : null;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Bearer token rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Bearer token refused: an identity claim is not a single string")]
    private static partial void LogNotString(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Bearer token of {Subject} lacks required claims")]
    private static partial void LogIncomplete(ILogger logger, string subject);
}
