using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Billing;
using VoucherFunctions.Http;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Bills;

/// <summary>GET /api/bills/{billId}: the outcome of one of the caller's bills (another partner's bill is a 404).</summary>
public sealed class GetBillOutcomeFunction(ApiRunner api, BillOutcomeLookup lookup)
{
    [Function("GetBillOutcome")]
    [ApiOperation("Bills", "The outcome of a bill: what each line used and what remains payable, or why it was rejected", ActorRoles.Partners, Response = typeof(BillOutcomeMessage), Query = typeof(BillOutcomeQuery))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bills/{billId}")] HttpRequest request, string billId) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await lookup.GetAsync(call.Principal.RequirePartnerId(), billId, call.Query<BillOutcomeQuery>(), call.Cancellation)));
}
