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

namespace VoucherFunctions.Api.Applications;

/// <summary>The partner's Type II applications: apply, follow, cancel the review.</summary>
public sealed class ApplicationFunctions(ApiRunner api, ApplicationService applications)
{
    private const string Tag = "Trial voucher applications";

    // Second-level resellers do not apply: their distributor applies for their customers.
    private const ActorRoles Applicants = ActorRoles.Reseller | ActorRoles.Distributor;

    [Function("ApplyForTrialVouchers")]
    [ApiOperation(Tag, "Apply for Type II trial vouchers for one or more of your customers", Applicants,
        Request = typeof(ApplyRequest), Response = typeof(ApplicationDto), SuccessStatus = 201, Idempotent = true,
        Description = "Creates an application in PendingApproval and the durable review that owns it. A reviewer decides within 3 business days; after that it is marked overdue and escalated; undecided, it expires after the configured hard expiry (default 30 days).")]
    public Task<IActionResult> Apply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunIdempotentAsync(
            this,
            request,
            async (call, command) => await applications.SubmitAsync(client, call.Principal, command, await call.BodyAsync<ApplyRequest>(), call.Cancellation),
            application => ApiResponse.Created(application, $"/api/applications/{application.ApplicationId}"),
            afterReplay: (call, application) => applications.ResumeReviewAsync(client, call.Principal.RequirePartnerId(), application, call.Cancellation));

    [Function("ListApplications")]
    [ApiOperation(Tag, "List your applications", Applicants, Query = typeof(ApplicationListQuery), Response = typeof(PageDto<ApplicationDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications")] HttpRequest request) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await applications.ListAsync(call.Principal.RequirePartnerId(), call.Query<ApplicationListQuery>(), call.Page(), call.Cancellation)));

    [Function("GetApplication")]
    [ApiOperation(Tag, "Get one application with its timeline", Applicants, Response = typeof(ApplicationDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{applicationId}")] HttpRequest request, string applicationId) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await applications.GetAsync(call.Principal.RequirePartnerId(), applicationId, call.Cancellation)));

    [Function("CancelApplicationReview")]
    [ApiOperation(Tag, "Cancel the review of a pending application", Applicants, Response = typeof(ApplicationDto),
        Description = "409 application.not_pending once it was decided, expired or cancelled.")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{applicationId}/cancel")] HttpRequest request,
        string applicationId,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await applications.CancelAsync(client, call.Principal.RequirePartnerId(), applicationId, call.Cancellation)));
}
