using System.ComponentModel;
using VoucherFunctions.Domain.Customers;

namespace VoucherFunctions.Application.Customers;

public sealed record CreateCustomerRequest(
    string? Uin,
    [property: Description("The customer's name: 1 to 200 characters (trimmed), no control characters.")] string? Name,
    GroupModeRole? GroupModeRole,
    bool? OrganizationMode);

public sealed record UpdateCustomerRequest(
    [property: Description("A new name: 1 to 200 characters (trimmed), no control characters.")] string? Name,
    GroupModeRole? GroupModeRole,
    bool? OrganizationMode);

public sealed record CustomerDto(string Uin, string Name, GroupModeRole GroupModeRole, bool OrganizationMode, bool InGroupMode)
{
    public static CustomerDto From(Customer customer) => new(customer.Uin, customer.Name, customer.GroupModeRole, customer.OrganizationMode, customer.IsInGroupMode);
}
