using VoucherFunctions.Domain.Customers;

namespace VoucherFunctions.Application.Customers;

public sealed record CreateCustomerRequest(string? Uin, GroupModeRole? GroupModeRole, bool? OrganizationMode);

public sealed record UpdateCustomerRequest(GroupModeRole? GroupModeRole, bool? OrganizationMode);

public sealed record CustomerDto(string Uin, GroupModeRole GroupModeRole, bool OrganizationMode, bool InGroupMode)
{
    public static CustomerDto From(Customer customer) => new(customer.Uin, customer.GroupModeRole, customer.OrganizationMode, customer.IsInGroupMode);
}
