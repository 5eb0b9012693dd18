using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.CustomerPortal;
using VoucherFunctions.Application.Usage;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.CustomerPortal;

/// <summary>The end customer's own vouchers and usage (customer from the token).</summary>
public sealed class CustomerPortalFunctions(ApiRunner api, CustomerPortalService portal)
{
    private const string Tag = "Customer portal";

    [Function("ListMyVouchers")]
    [ApiOperation(Tag, "The customer's own vouchers", ActorRoles.Customer, Response = typeof(PageDto<MyVoucherDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "my/vouchers")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await portal.ListAsync(call.Principal, call.Page(), call.Cancellation)));

    [Function("GetMyVoucher")]
    [ApiOperation(Tag, "One of the customer's own vouchers", ActorRoles.Customer, Response = typeof(MyVoucherDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "my/vouchers/{voucherId}")] HttpRequest request, string voucherId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await portal.GetAsync(call.Principal, voucherId, call.Cancellation)));

    [Function("ListMyVoucherUsage")]
    [ApiOperation(Tag, "Usage of one of the customer's own vouchers, by month", ActorRoles.Customer, Query = typeof(UsageQuery), Response = typeof(PageDto<MyUsageDto>))]
    public Task<IActionResult> Usage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "my/vouchers/{voucherId}/usage")] HttpRequest request, string voucherId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await portal.UsageAsync(call.Principal, voucherId, call.Query<UsageQuery>(), call.Page(), call.Cancellation)));
}
