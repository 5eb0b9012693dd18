using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Vendor;

/// <summary>The vendor's partner API for vouchers, answered here: point the vendor's SDK's endpoint at {host}/api/vendor.</summary>
public sealed class VendorApiFunction(VendorGateway gateway)
{
    [Function("VendorApi")]
    [ApiOperation("Vendor API", "The vendor's partner API (intlpartnersmgt 2022-09-28) voucher actions, signed with TC3-HMAC-SHA256", ActorRoles.Anonymous,
        Description = "Not a bearer-token operation: the vendor's SDKs call it with X-TC-Action, X-TC-Version and X-TC-Timestamp headers, a JSON body of the " +
            "action's parameters and an Authorization header signed with a partner API key (see /api/api-keys). Always HTTP 200 with the vendor's " +
            "{\"Response\": …} envelope; errors carry the vendor's codes. Actions: DescribeCustomerVoucherList, DescribeCustomerOwnVoucherList, " +
            "DescribeCustomerVoucherUsageDetails, DescribeCustomerOwnVoucherUsageDetails, QueryVoucherAmountByUin, QueryVoucherListByUin, QueryVoucherPool.")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "vendor")] HttpRequest request) => gateway.HandleAsync(request);
}
