using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.CustomerVouchers;
using VoucherFunctions.Application.PartnerVouchers;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.Idempotency;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Channel;

/// <summary>The vendor's channel manager grants Type I general vouchers to partners (no approval step).</summary>
public sealed class GeneralVoucherFunctions(ApiRunner api, PartnerVoucherService partnerVouchers)
{
    [Function("GrantGeneralVoucher")]
    [ApiOperation("Channel", "Grant a Type I general voucher to a partner", ActorRoles.ChannelManager,
        Request = typeof(GrantGeneralVoucherRequest), Response = typeof(VoucherDto), SuccessStatus = 201,
        Description = "Needs an Idempotency-Key header: the voucher id derives from it, so a repeat answers the first grant again (201, Idempotent-Replayed) and the same key with another grant is refused (422 idempotency.key_reused).")]
    public Task<IActionResult> Grant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "channel/partners/{partnerId}/general-vouchers")] HttpRequest request,
        string partnerId) =>
        api.RunAsync(this, request, async call =>
        {
            var granted = await partnerVouchers.GrantGeneralAsync(partnerId, IdempotencyGate.KeyOf(call.Request), await call.BodyAsync<GrantGeneralVoucherRequest>(), call.Cancellation);
            return ApiResponse.Created(granted.Value, $"/api/partner-vouchers/{granted.Value.VoucherId}").ReplayedWhen(granted.Replayed);
        });
}
