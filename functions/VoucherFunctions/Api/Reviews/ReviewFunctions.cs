using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using VoucherFunctions.Application.Applications;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.Reviews;

/// <summary>The vendor reviewer's console: the queue of pending applications and the decisions.</summary>
public sealed class ReviewFunctions(ApiRunner api, ApplicationService applications)
{
    private const string Tag = "Reviews";

    [Function("ListPendingReviews")]
    [ApiOperation(Tag, "Pending applications of all partners, oldest first, with the overdue mark", ActorRoles.Reviewer, Response = typeof(PageDto<ApplicationDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reviews/applications")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await applications.ReviewQueueAsync(call.Page(), call.Cancellation)));

    [Function("ApproveApplication")]
    [ApiOperation(Tag, "Approve a pending application", ActorRoles.Reviewer, Response = typeof(ApplicationDto),
        Description = "Activates one Type II voucher per customer (validity from now) and issues each customer's associated Type III. 409 application.not_pending when it was already decided.")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/partners/{partnerId}/applications/{applicationId}/approve")] HttpRequest request,
        string partnerId,
        string applicationId,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await applications.ApproveAsync(client, partnerId, applicationId, call.Principal.Id, call.Cancellation)));

    [Function("RejectApplication")]
    [ApiOperation(Tag, "Reject a pending application with a reason", ActorRoles.Reviewer, Request = typeof(RejectRequest), Response = typeof(ApplicationDto),
        Description = "Nothing is issued; the reason is kept on the application. 409 application.not_pending when it was already decided.")]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/partners/{partnerId}/applications/{applicationId}/reject")] HttpRequest request,
        string partnerId,
        string applicationId,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await applications.RejectAsync(client, partnerId, applicationId, call.Principal.Id, await call.BodyAsync<RejectRequest>(), call.Cancellation)));
}
