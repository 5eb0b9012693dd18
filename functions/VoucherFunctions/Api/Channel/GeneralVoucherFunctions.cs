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
    [ApiOperation("Channel", "Grant a Type I general voucher to a partner", ApiRoles.ChannelManager,
        Request = typeof(GrantGeneralVoucherRequest), Response = typeof(VoucherDto), SuccessStatus = 201,
        Description = "Needs an Idempotency-Key header: the voucher id derives from it, so a repeat answers the first grant again (201, Idempotent-Replayed) and the same key with another grant is refused (422 idempotency.key_reused).")]
    public Task<IActionResult> Grant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "channel/partners/{partnerId}/general-vouchers")] HttpRequest request,
        string partnerId) =>
        api.RunAsync(this, request, async call =>
        {
            var key = call.Request.Headers[IdempotencyGate.HeaderName].ToString();
            if (!Domain.Ids.Ids.IsValid(key))
            {
                throw ApiException.BadRequest(ApiErrorCodes.IdempotencyKeyRequired, $"Granting a voucher needs an {IdempotencyGate.HeaderName} header (1 to 128 characters).", IdempotencyGate.HeaderName);
            }
            var partner = Domain.Ids.Ids.IsValid(partnerId) ? partnerId : throw ApiException.NotFound("partner");
            var (voucher, replayed) = await partnerVouchers.GrantGeneralAsync(partner, key, await call.BodyAsync<GrantGeneralVoucherRequest>(), call.Cancellation);
            var created = ApiResponse.Created(voucher, $"/api/partner-vouchers/{voucher.VoucherId}");
            return replayed ? created.WithHeader("Idempotent-Replayed", "true") : created;
        });
}
