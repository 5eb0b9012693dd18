using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.CustomerVouchers;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.CustomerVouchers;

/// <summary>Customer vouchers (Type III) of the caller's customers.</summary>
public sealed class CustomerVoucherFunctions(ApiRunner api, CustomerVoucherService vouchers)
{
    private const string Tag = "Customer vouchers";

    [Function("IssueCustomerVouchers")]
    [ApiOperation(Tag, "Issue customer-discount vouchers from a template to one or more customers", ActorRoles.Partners,
        Request = typeof(IssueCustomerVouchersRequest), Response = typeof(IssuedVouchersDto), SuccessStatus = 201, Idempotent = true,
        Description = "Active at once; one voucher per UIN, all or none. Refused for group-mode customers (422 customer.group_mode_not_supported), " +
            "product-trial templates (422 template.product_trial_not_issuable) and UINs that are not the caller's customers (404). The template is locked by its first issuance. " +
            "A second-level reseller issues within its quota pool (422 quota.insufficient).")]
    public Task<IActionResult> Issue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "customer-vouchers")] HttpRequest request) =>
        api.RunIdempotentAsync(
            this,
            request,
            async (call, command) => await vouchers.IssueAsync(call.Principal, command, await call.BodyAsync<IssueCustomerVouchersRequest>(), call.Cancellation),
            issued => ApiResponse.Created(issued));

    [Function("GetCustomerVoucher")]
    [ApiOperation(Tag, "Get one customer voucher", ActorRoles.Partners, Response = typeof(VoucherDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customer-vouchers/{voucherId}")] HttpRequest request, string voucherId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await vouchers.GetAsync(call.Principal.RequirePartnerId(), voucherId, call.Cancellation)));

    [Function("ListCustomerVouchers")]
    [ApiOperation(Tag, "List customer vouchers with filters", ActorRoles.Partners, Query = typeof(CustomerVoucherListQuery), Response = typeof(PageDto<VoucherDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customer-vouchers")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await vouchers.ListAsync(call.Principal.RequirePartnerId(), call.Query<CustomerVoucherListQuery>(), call.Page(), call.Cancellation)));

    [Function("WithdrawCustomerVoucher")]
    [ApiOperation(Tag, "Withdraw an unused, unexpired customer-discount voucher", ActorRoles.Partners, Response = typeof(VoucherDto), Idempotent = true,
        Description = "Irreversible. 409 voucher.not_withdrawable when used, expired or already ended; 409 voucher.product_trial_not_withdrawable for product-trial vouchers (invalidate the partner voucher instead).")]
    public Task<IActionResult> Withdraw([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "customer-vouchers/{voucherId}/withdraw")] HttpRequest request, string voucherId) =>
        api.RunIdempotentAsync(this, request, (call, command) => vouchers.WithdrawAsync(call.Principal, command, voucherId, call.Cancellation), ApiResponse.Ok);

    [Function("GetAssociatedPartnerVoucher")]
    [ApiOperation(Tag, "The partner voucher a product-trial customer voucher is associated with", ActorRoles.Partners, Response = typeof(VoucherDto),
        Description = "404 voucher.not_associated for customer-discount vouchers.")]
    public Task<IActionResult> Associated([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customer-vouchers/{voucherId}/associated")] HttpRequest request, string voucherId) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await vouchers.GetAssociatedAsync(call.Principal.RequirePartnerId(), voucherId, call.Cancellation)));

    [Function("SummarizeCustomerVouchers")]
    [ApiOperation(Tag, "Per-customer voucher summary (count, total, remaining) for up to 20 customers", ActorRoles.Partners, Query = typeof(SummaryQuery), Response = typeof(SummaryDto))]
    public Task<IActionResult> Summary([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customer-voucher-summary")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await vouchers.SummarizeAsync(call.Principal.RequirePartnerId(), call.Query<SummaryQuery>(), call.Cancellation)));
}
