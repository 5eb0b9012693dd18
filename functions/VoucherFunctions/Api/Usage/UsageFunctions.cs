using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Usage;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.Usage;

/// <summary>Usage details of one of the caller's vouchers.</summary>
public sealed class UsageFunctions(ApiRunner api, UsageService usage)
{
    [Function("ListVoucherUsage")]
    [ApiOperation("Usage", "Usage records of a voucher, by month, as JSON or CSV", ActorRoles.Partners, Query = typeof(UsageQuery), Response = typeof(PageDto<UsageDto>), Csv = true,
        Description = "One row per (voucher, bill line) use. CSV (RFC 4180, all pages in one document) with Accept: text/csv or format=csv.")]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "vouchers/{voucherId}/usage")] HttpRequest request, string voucherId) =>
        api.RunAsync(this, request, async call =>
        {
            var partnerId = call.Principal.RequirePartnerId();
            var query = call.Query<UsageQuery>();
            return call.WantsCsv
                ? ApiResponse.Text(await usage.CsvAsync(partnerId, voucherId, query, call.Cancellation), "text/csv", $"usage-{voucherId}.csv")
                : ApiResponse.Ok(await usage.ListAsync(partnerId, voucherId, query, call.Page(), call.Cancellation));
        });
}
