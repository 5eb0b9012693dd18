using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Bills;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Bills;

/// <summary>Explain a bill before it is charged (dry run: nothing changes), for the partner and for the customer who pays it.</summary>
public sealed class ExplainFunctions(ApiRunner api, BillExplainService explain)
{
    private const string Description =
        "The body is a bill in the v1 message format of the bills queue (same limits; a malformed bill is a 400 with the reason code its poison envelope would carry: bill.malformed, bill.invalid, bill.unsupported_version, bill.currency_mismatch; one too large for one atomic write is a 422 bill.too_large). "
        + "Per line: the allocations the deduction would make now, in order of use, each with the rule that placed it before the next; every other voucher of the payer with the one reason it would not pay; what remains payable. "
        + "Reads only (the payer's voucher ranges the bill's candidate query reads, the bill's marker, the settings); changes nothing. A bill id already applied answers alreadyApplied with the stored outcome. A customer that is not yours is a 404.";

    [Function("ExplainBill")]
    [ApiOperation("Bills", "Explain a bill before it is charged: which vouchers would pay, in which order and why, and why the others would not", ActorRoles.Partners,
        Request = typeof(BillExplainRequest), Response = typeof(BillExplanationDto), Description = Description + " settings.associatedFirst asks what the switch would change.")]
    public Task<IActionResult> Explain([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "bills/explain")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await explain.ExplainForPartnerAsync(call.Principal.RequirePartnerId(), await BillBodyAsync(call), call.Cancellation)));

    [Function("ExplainMyBill")]
    [ApiOperation("Customer portal", "Explain one of the customer's own bills before it is charged", ActorRoles.Customer,
        Request = typeof(Billing.BillMessageV1), Response = typeof(BillExplanationDto),
        Description = Description + " Only payerKind customer with the caller's UIN; without the partner's private fields (voucher types, the settings) and with partnerPriority for the associated-first rule.")]
    public Task<IActionResult> ExplainMine([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "my/bills/explain")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await explain.ExplainForCustomerAsync(call.Principal.RequirePartnerId(), call.Principal.RequireCustomerUin(), await BillBodyAsync(call), call.Cancellation)));

    /// <summary>The raw body (the bill reader parses it, with the queue's rules), JSON only, at most <see cref="ApiCall.MaxBodyBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>> BillBodyAsync(ApiCall call)
    {
        var contentType = call.Request.ContentType;
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "The body must be application/json.");
        }

        return await call.BodyBytesAsync();
    }
}
