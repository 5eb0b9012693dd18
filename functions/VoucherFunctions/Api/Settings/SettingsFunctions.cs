using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Settings;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Settings;

/// <summary>The caller's partner settings.</summary>
public sealed class SettingsFunctions(ApiRunner api, SettingsService settings)
{
    private const string Tag = "Settings";

    [Function("GetPartnerSettings")]
    [ApiOperation(Tag, "Get the partner's deduction settings", ActorRoles.Partners, Response = typeof(SettingsDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "settings")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await settings.GetAsync(call.Principal.RequirePartnerId(), call.Cancellation)));

    [Function("SavePartnerSettings")]
    [ApiOperation(Tag, "Turn \"associated vouchers deducted first\" on or off", ActorRoles.Partners, Request = typeof(SaveSettingsRequest), Response = typeof(SettingsDto),
        Description = "Default on. Turning it off is allowed and logged; the answer then carries a warning that trial vouchers may go unused.")]
    public Task<IActionResult> Save([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "settings")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await settings.SaveAsync(call.Principal.RequirePartnerId(), call.Principal.Id, await call.BodyAsync<SaveSettingsRequest>(), call.Cancellation)));
}
