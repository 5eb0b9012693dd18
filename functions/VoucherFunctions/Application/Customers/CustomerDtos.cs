using VoucherFunctions.Application.Common;
using System.ComponentModel;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Text;

namespace VoucherFunctions.Application.Customers;

public sealed record CreateCustomerRequest(
    string? Uin,
    [property: FreeText(nameof(TextFields.CustomerName))] string? Name,
    GroupModeRole? GroupModeRole,
    bool? OrganizationMode);

public sealed record UpdateCustomerRequest(
    [property: FreeText(nameof(TextFields.CustomerName)), Description("A new name.")] string? Name,
    GroupModeRole? GroupModeRole,
    bool? OrganizationMode);

public sealed record CustomerDto(string Uin, string Name, GroupModeRole GroupModeRole, bool OrganizationMode, bool InGroupMode)
{
    public static CustomerDto From(Customer customer) => new(customer.Uin, customer.Name, customer.GroupModeRole, customer.OrganizationMode, customer.IsInGroupMode);
}
