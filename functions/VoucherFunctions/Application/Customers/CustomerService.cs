using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Application.Customers;

/// <summary>A partner's customers: the only UINs it may issue vouchers to or apply for.</summary>
public sealed class CustomerService(ICustomerStore customers)
{
    public async Task<CustomerDto> CreateAsync(string partnerId, CreateCustomerRequest request, CancellationToken cancellationToken)
    {
        var uin = Require.Valid(() => Domain.Ids.Ids.Validate(Require.Text(request.Uin, "uin"), "customer UIN"), "uin");
        var name = Require.Valid(() => Customer.ValidName(Require.Text(request.Name, "name")), "name");
        var customer = new Customer(uin, partnerId, name, request.GroupModeRole ?? GroupModeRole.None, request.OrganizationMode ?? false);
        try
        {
            return CustomerDto.From((await customers.AddAsync(customer, cancellationToken)).Value);
        }
        catch (ConcurrencyConflictException)
        {
            throw UseCaseException.Conflict(UseCaseErrorCodes.AlreadyExists, $"Customer '{uin}' is already registered.", "uin");
        }
    }

    /// <summary>Changes the name, group-mode role and organization mode (a customer that joins a group can no longer receive customer vouchers).</summary>
    public async Task<CustomerDto> UpdateAsync(string partnerId, string uin, UpdateCustomerRequest request, CancellationToken cancellationToken)
    {
        var found = await Require.Found(uin, () => customers.GetAsync(partnerId, uin, cancellationToken), "customer");
        var name = request.Name is null ? found.Value.Name : Require.Valid(() => Customer.ValidName(request.Name), "name");
        var updated = new Customer(uin, partnerId, name, request.GroupModeRole ?? found.Value.GroupModeRole, request.OrganizationMode ?? found.Value.OrganizationMode);
        return CustomerDto.From((await customers.UpdateAsync(updated, found.Version, cancellationToken)).Value);
    }

    public async Task<CustomerDto> GetAsync(string partnerId, string uin, CancellationToken cancellationToken) =>
        CustomerDto.From((await Require.Found(uin, () => customers.GetAsync(partnerId, uin, cancellationToken), "customer")).Value);

    public async Task<PageDto<CustomerDto>> ListAsync(string partnerId, PageRequest page, CancellationToken cancellationToken) =>
        (await customers.ListAsync(partnerId, page, cancellationToken)).Map(c => CustomerDto.From(c.Value));
}
