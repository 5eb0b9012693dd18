using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.CustomerVouchers;
using VoucherFunctions.Application.PartnerVouchers;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.PartnerVouchers;

/// <summary>The partner's own vouchers from the vendor: Type I general and Type II trial.</summary>
public sealed class PartnerVoucherFunctions(ApiRunner api, PartnerVoucherService partnerVouchers)
{
    private const string Tag = "Partner vouchers";

    [Function("ListPartnerVouchers")]
    [ApiOperation(Tag, "List your Type I and Type II vouchers", ActorRoles.Partners, Query = typeof(PartnerVoucherListQuery), Response = typeof(PageDto<VoucherDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "partner-vouchers")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await partnerVouchers.ListAsync(call.Principal.RequirePartnerId(), call.Query<PartnerVoucherListQuery>(), call.Page(), call.Cancellation)));

    [Function("GetPartnerVoucher")]
    [ApiOperation(Tag, "Get one partner voucher with its balance", ActorRoles.Partners, Response = typeof(VoucherDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "partner-vouchers/{voucherId}")] HttpRequest request, string voucherId) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await partnerVouchers.GetAsync(call.Principal.RequirePartnerId(), voucherId, call.Cancellation)));

    [Function("ListAssociatedCustomerVouchers")]
    [ApiOperation(Tag, "The customer vouchers issued beside a Type II voucher", ActorRoles.Partners, Response = typeof(IReadOnlyList<VoucherDto>))]
    public Task<IActionResult> Associated(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "partner-vouchers/{voucherId}/customer-vouchers")] HttpRequest request,
        string voucherId) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await partnerVouchers.AssociatedCustomerVouchersAsync(call.Principal.RequirePartnerId(), voucherId, call.Cancellation)));

    [Function("InvalidatePartnerVoucher")]
    [ApiOperation(Tag, "Invalidate a Type II trial voucher (irreversible)", ActorRoles.Partners, Response = typeof(InvalidationDto), Idempotent = true,
        Description = "Its balance can no longer be used, and the unused balance of its associated customer vouchers is withdrawn in the same step; used amounts stay in the usage history. Type I vouchers are refused (409 voucher.not_invalidatable).")]
    public Task<IActionResult> Invalidate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partner-vouchers/{voucherId}/invalidate")] HttpRequest request,
        string voucherId) =>
        api.RunIdempotentAsync(this, request, (call, command) =>
            partnerVouchers.InvalidateAsync(call.Principal.RequirePartnerId(), voucherId, command, call.Cancellation), ApiResponse.Ok);
}
