using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Me;

/// <summary>GET /api/me: who the token says the caller is (principal, partner, roles). Useful to check a token.</summary>
public sealed class MeFunction(ApiRunner api)
{
    [Function("GetMe")]
    [ApiOperation("Session", "The caller as the token describes it", ActorRoles.Everyone, Response = typeof(MeDto))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        api.RunAsync(this, request, call => Task.FromResult(ApiResponse.Ok(MeDto.From(call.Principal))));
}

public sealed record MeDto(string PrincipalId, string? PartnerId, IReadOnlyList<string> Roles, string? CustomerUin, string? DistributorId)
{
    public static MeDto From(Actor principal) =>
        new(principal.Id, principal.PartnerId, RoleNames.Of(principal.Roles).ToList(), principal.CustomerUin, principal.DistributorId);
}
