using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.ApiKeys;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.ApiKeys;

/// <summary>The caller's partner API keys (SecretId + SecretKey) for the vendor-compatible API at /api/vendor.</summary>
public sealed class ApiKeyFunctions(ApiRunner api, ApiKeyService keys)
{
    private const string Tag = "API keys";

    [Function("CreateApiKey")]
    [ApiOperation(Tag, "Create a partner API key for the vendor-compatible API", ActorRoles.Partners,
        Request = typeof(CreateApiKeyRequest), Response = typeof(CreatedApiKeyDto), SuccessStatus = 201, Idempotent = true,
        Description = "The key acts for the caller's partner with one role the caller holds (reseller, distributor, second-level-reseller), or as one of its " +
            "customers (role customer, customerUin). The SecretKey is in this answer only (a repeat with the same Idempotency-Key answers it again); it is " +
            "stored encrypted and never listed. 404 when customerUin is not the caller's customer; 403 for a role the caller does not hold.")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api-keys")] HttpRequest request) =>
        api.RunIdempotentAsync(
            this,
            request,
            async (call, command) => await keys.CreateAsync(call.Principal, command, await call.BodyAsync<CreateApiKeyRequest>(), call.Cancellation),
            created => ApiResponse.Created(created, $"/api/api-keys/{created.Key.SecretId}"));

    [Function("ListApiKeys")]
    [ApiOperation(Tag, "List the partner's API keys (never their SecretKeys)", ActorRoles.Partners, Response = typeof(PageDto<ApiKeyDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api-keys")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await keys.ListAsync(call.Principal.RequirePartnerId(), call.Page(), call.Cancellation)));

    [Function("GetApiKey")]
    [ApiOperation(Tag, "Get one API key (never its SecretKey)", ActorRoles.Partners, Response = typeof(ApiKeyDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api-keys/{secretId}")] HttpRequest request, string secretId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await keys.GetAsync(call.Principal.RequirePartnerId(), secretId, call.Cancellation)));

    [Function("DisableApiKey")]
    [ApiOperation(Tag, "Disable an API key", ActorRoles.Partners, Response = typeof(ApiKeyDto),
        Description = "Final: the next request signed with it is refused with AuthFailure.SecretIdNotFound. Disabling a disabled key answers it unchanged.")]
    public Task<IActionResult> Disable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api-keys/{secretId}/disable")] HttpRequest request, string secretId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await keys.DisableAsync(call.Principal.RequirePartnerId(), secretId, call.Cancellation)));

    [Function("DeleteApiKey")]
    [ApiOperation(Tag, "Delete an API key", ActorRoles.Partners, SuccessStatus = 204, Description = "404 when the partner has no such key.")]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api-keys/{secretId}")] HttpRequest request, string secretId) =>
        api.RunAsync(this, request, async call =>
        {
            await keys.DeleteAsync(call.Principal.RequirePartnerId(), secretId, call.Cancellation);
            return new ApiResponse(StatusCodes.Status204NoContent, null);
        });
}
