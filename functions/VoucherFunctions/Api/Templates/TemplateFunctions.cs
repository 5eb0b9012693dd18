using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Templates;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.Templates;

/// <summary>The caller's partner-voucher and customer-voucher templates.</summary>
public sealed class TemplateFunctions(ApiRunner api, TemplateService templates)
{
    private const string Tag = "Templates";

    [Function("CreateTemplate")]
    [ApiOperation(Tag, "Create a partner-voucher or customer-voucher template", ActorRoles.Partners,
        Request = typeof(TemplateRequest), Response = typeof(TemplateDto), SuccessStatus = 201, Idempotent = true, ReturnsETag = true)]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "templates")] HttpRequest request) =>
        api.RunIdempotentAsync(
            this,
            request,
            async (call, command) => Idempotent<Versioned<TemplateDto>>.First(
                await templates.CreateAsync(call.Principal.RequirePartnerId(), command.Key, await call.BodyAsync<TemplateRequest>(), call.Cancellation)),
            created => WithETag(ApiResponse.Created(created.Value, $"/api/templates/{created.Value.TemplateId}"), created));

    [Function("GetTemplate")]
    [ApiOperation(Tag, "Get one template (with its ETag)", ActorRoles.Partners, Response = typeof(TemplateDto), ReturnsETag = true)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "templates/{templateId}")] HttpRequest request, string templateId) =>
        api.RunAsync(this, request, async call => WithETag(await templates.GetAsync(call.Principal.RequirePartnerId(), templateId, call.Cancellation)));

    [Function("EditTemplate")]
    [ApiOperation(Tag, "Edit a template until it is first used", ActorRoles.Partners,
        Request = typeof(TemplateRequest), Response = typeof(TemplateDto), RequiresIfMatch = true, ReturnsETag = true,
        Description = "Replaces the content. Needs If-Match with the ETag last read (412 precondition.failed when stale, 428 when missing); 409 template.locked once a voucher was issued or an application submitted.")]
    public Task<IActionResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "templates/{templateId}")] HttpRequest request, string templateId) =>
        api.RunAsync(this, request, async call =>
        {
            var version = ETags.ToVersion(call.IfMatch());
            return WithETag(await templates.EditAsync(call.Principal.RequirePartnerId(), templateId, version, await call.BodyAsync<TemplateRequest>(), call.Cancellation));
        });

    [Function("ListTemplates")]
    [ApiOperation(Tag, "Query templates by condition", ActorRoles.Partners, Query = typeof(TemplateListQuery), Response = typeof(PageDto<TemplateDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "templates")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await templates.ListAsync(call.Principal.RequirePartnerId(), call.Query<TemplateListQuery>(), call.Page(), call.Cancellation)));

    private static ApiResponse WithETag(Versioned<TemplateDto> template) => WithETag(ApiResponse.Ok(template.Value), template);

    private static ApiResponse WithETag(ApiResponse response, Versioned<TemplateDto> template) => response.WithHeader("ETag", ETags.From(template.Version));
}
