using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;

namespace VoucherFunctions.Api.Reference;

/// <summary>GET /api/openapi.json: the OpenAPI 3 document of every HTTP function, anonymous.</summary>
public sealed class OpenApiFunction(ApiRunner api, ApiDocument document)
{
    [Function("OpenApiDocument")]
    [ApiOperation("Reference", "The OpenAPI 3.1 document of this API", ActorRoles.Anonymous)]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        api.RunAsync(this, request, _ => Task.FromResult(new ApiResponse(StatusCodes.Status200OK, new RawJson(document.Json)) { Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-cache" } }));
}
