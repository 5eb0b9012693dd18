using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Distribution;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.Distribution;

/// <summary>Second-level resellers (registered by the vendor's channel manager), their distributor's view of their quota pools, and a reseller's view of its own.</summary>
public sealed class DistributionFunctions(ApiRunner api, DistributionService distribution)
{
    private const string Tag = "Distribution";

    [Function("RegisterSecondLevelReseller")]
    [ApiOperation(Tag, "Register a second-level reseller under a distributor, with an empty quota pool", ActorRoles.ChannelManager,
        Request = typeof(RegisterResellerRequest), Response = typeof(QuotaPoolDto), SuccessStatus = 201,
        Description = "The vendor keeps the directory: a distributor cannot claim a partner as its reseller (it would then reach that partner's customers). A reseller sells under one distributor; registering it again under the same one answers its pool again, under another one is refused (409 resource.already_exists).")]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "channel/distributors/{distributorId}/resellers")] HttpRequest request,
        string distributorId) =>
        api.RunAsync(this, request, async call =>
        {
            var pool = await distribution.RegisterAsync(distributorId, await call.BodyAsync<RegisterResellerRequest>(), call.Cancellation);
            return ApiResponse.Created(pool, $"/api/distribution/resellers/{pool.ResellerId}/quota");
        });

    [Function("ListQuotaPools")]
    [ApiOperation(Tag, "Your second-level resellers' quota pools", ActorRoles.Distributor, Response = typeof(PageDto<QuotaPoolDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "distribution/resellers")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await distribution.ListAsync(call.Principal.RequirePartnerId(), call.Page(), call.Cancellation)));

    [Function("GetQuotaPool")]
    [ApiOperation(Tag, "One second-level reseller's quota pool", ActorRoles.Distributor, Response = typeof(QuotaPoolDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "distribution/resellers/{resellerId}/quota")] HttpRequest request, string resellerId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await distribution.GetAsync(call.Principal.RequirePartnerId(), resellerId, call.Cancellation)));

    [Function("AdjustQuota")]
    [ApiOperation(Tag, "Allocate (positive) or reclaim (negative) quota", ActorRoles.Distributor,
        Request = typeof(QuotaAdjustmentRequest), Response = typeof(QuotaPoolDto), Idempotent = true,
        Description = "Effective at once. A reclaim that would leave less than what is already issued is refused (422 quota.below_issued).")]
    public Task<IActionResult> Adjust([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "distribution/resellers/{resellerId}/quota")] HttpRequest request, string resellerId) =>
        api.RunIdempotentAsync(
            this,
            request,
            async (call, command) => await distribution.AdjustAsync(call.Principal.RequirePartnerId(), resellerId, command, await call.BodyAsync<QuotaAdjustmentRequest>(), call.Cancellation),
            ApiResponse.Ok);

    [Function("GetOwnQuotaPool")]
    [ApiOperation(Tag, "Your own quota pool (second-level resellers)", ActorRoles.SecondLevelReseller, Response = typeof(QuotaPoolDto))]
    public Task<IActionResult> Own([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "quota")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await distribution.OwnPoolAsync(call.Principal, call.Cancellation)));
}
