using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Catalogue;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.Catalogue;

/// <summary>The vendor product catalogue and blocklist: channel managers edit, every authenticated caller reads.</summary>
public sealed class CatalogueFunctions(ApiRunner api, CatalogueService catalogue)
{
    private const string Tag = "Catalogue";

    [Function("ListProducts")]
    [ApiOperation(Tag, "List the product catalogue", ActorRoles.Everyone, Response = typeof(PageDto<ProductDto>))]
    public Task<IActionResult> ListProducts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalogue/products")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await catalogue.ListProductsAsync(call.Page(), call.Cancellation)));

    [Function("GetProduct")]
    [ApiOperation(Tag, "Get one catalogue product", ActorRoles.Everyone, Response = typeof(ProductDto))]
    public Task<IActionResult> GetProduct([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalogue/products/{code}")] HttpRequest request, string code) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await catalogue.GetProductAsync(code, call.Cancellation)));

    [Function("SaveProduct")]
    [ApiOperation(Tag, "Create or replace a catalogue product", ActorRoles.ChannelManager, Request = typeof(SaveProductRequest), Response = typeof(ProductDto))]
    public Task<IActionResult> SaveProduct([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "catalogue/products/{code}")] HttpRequest request, string code) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await catalogue.SaveProductAsync(code, await call.BodyAsync<SaveProductRequest>(), call.Principal.Id, call.Cancellation)));

    [Function("GetBlocklist")]
    [ApiOperation(Tag, "Get the vendor product blocklist", ActorRoles.Everyone, Response = typeof(BlocklistDto))]
    public Task<IActionResult> GetBlocklist([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalogue/blocklist")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await catalogue.GetBlocklistAsync(call.Cancellation)));

    [Function("SaveBlocklist")]
    [ApiOperation(Tag, "Replace the vendor product blocklist", ActorRoles.ChannelManager, Request = typeof(SaveBlocklistRequest), Response = typeof(BlocklistDto),
        Description = "Applies to vouchers that take effect from now on; vouchers already in effect keep the list frozen on them.")]
    public Task<IActionResult> SaveBlocklist([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "catalogue/blocklist")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await catalogue.SaveBlocklistAsync(await call.BodyAsync<SaveBlocklistRequest>(), call.Principal.Id, call.Cancellation)));
}
