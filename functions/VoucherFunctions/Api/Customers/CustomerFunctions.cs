using VoucherFunctions.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoucherFunctions.Application.Customers;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Auth;
using VoucherFunctions.Http.OpenApi;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Api.Customers;

/// <summary>The caller's customers (partner from the token).</summary>
public sealed class CustomerFunctions(ApiRunner api, CustomerService customers)
{
    private const string Tag = "Customers";

    [Function("CreateCustomer")]
    [ApiOperation(Tag, "Register a customer (UIN, name, group-mode role, organization mode)", ActorRoles.Partners,
        Request = typeof(CreateCustomerRequest), Response = typeof(CustomerDto), SuccessStatus = 201, Idempotent = true,
        Description = "The customer's UIN becomes one the partner may issue vouchers to. 409 resource.already_exists when registered already.")]
    public Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "customers")] HttpRequest request) =>
        api.RunIdempotentAsync(
            this,
            request,
            async (call, _) => Idempotent<CustomerDto>.First(await customers.CreateAsync(call.Principal.RequirePartnerId(), await call.BodyAsync<CreateCustomerRequest>(), call.Cancellation)),
            created => ApiResponse.Created(created, $"/api/customers/{Uri.EscapeDataString(created.Uin)}"));

    [Function("GetCustomer")]
    [ApiOperation(Tag, "Get one customer", ActorRoles.Partners, Response = typeof(CustomerDto))]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers/{uin}")] HttpRequest request, string uin) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await customers.GetAsync(call.Principal.RequirePartnerId(), uin, call.Cancellation)));

    [Function("UpdateCustomer")]
    [ApiOperation(Tag, "Change a customer's name, group-mode role or organization mode", ActorRoles.Partners, Request = typeof(UpdateCustomerRequest), Response = typeof(CustomerDto),
        Description = "Omitted fields keep their value. A customer in group mode (administrator or member) can no longer receive customer vouchers.")]
    public Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "customers/{uin}")] HttpRequest request, string uin) =>
        api.RunAsync(this, request, async call =>
            ApiResponse.Ok(await customers.UpdateAsync(call.Principal.RequirePartnerId(), uin, await call.BodyAsync<UpdateCustomerRequest>(), call.Cancellation)));

    [Function("ListCustomers")]
    [ApiOperation(Tag, "List customers", ActorRoles.Partners, Response = typeof(PageDto<CustomerDto>))]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "customers")] HttpRequest request) =>
        api.RunAsync(this, request, async call => ApiResponse.Ok(await customers.ListAsync(call.Principal.RequirePartnerId(), call.Page(), call.Cancellation)));
}
