using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Http;
using VoucherFunctions.Http.Paging;

namespace VoucherFunctions.Application.Customers;

/// <summary>A partner's customers: the only UINs it may issue vouchers to or apply for.</summary>
public sealed class CustomerService(ICustomerStore customers)
{
    public async Task<CustomerDto> CreateAsync(string partnerId, CreateCustomerRequest request, CancellationToken cancellationToken)
    {
        var uin = Require.Valid(() => Domain.Ids.Ids.Validate(Require.Text(request.Uin, "uin"), "customer UIN"), "uin");
        var customer = new Customer(uin, partnerId, request.GroupModeRole ?? GroupModeRole.None, request.OrganizationMode ?? false);
        try
        {
            return CustomerDto.From((await customers.AddAsync(customer, cancellationToken)).Value);
        }
        catch (ConcurrencyConflictException)
        {
            throw new ApiException(409, ApiErrorCodes.AlreadyExists, $"Customer '{uin}' is already registered.", "uin");
        }
    }

    public async Task<CustomerDto> GetAsync(string partnerId, string uin, CancellationToken cancellationToken)
    {
        var found = Domain.Ids.Ids.IsValid(uin) ? await customers.GetAsync(partnerId, uin, cancellationToken) : null;
        return found is null ? throw ApiException.NotFound("customer") : CustomerDto.From(found.Value);
    }

    public async Task<PageDto<CustomerDto>> ListAsync(string partnerId, PageRequest page, CancellationToken cancellationToken) =>
        (await customers.ListAsync(partnerId, page, cancellationToken)).Map(c => CustomerDto.From(c.Value));
}
