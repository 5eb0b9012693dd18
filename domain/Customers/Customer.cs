namespace VoucherFunctions.Domain.Customers;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Text;

/// <summary>
/// What the rules need to know about an end customer: whose customer it is (the partner it pays), its
/// display name, its group-mode role (group administrators and members cannot receive direct customer
/// vouchers) and whether it is in organization mode (only then may one application name several customers).
/// </summary>
public sealed record Customer
{
    public Customer(string uin, string partnerId, string name, GroupModeRole groupModeRole = GroupModeRole.None, bool organizationMode = false)
    {
        Uin = Ids.Validate(uin, "customer UIN");
        PartnerId = Ids.Validate(partnerId, "partner id");
        Name = ValidName(name);
        GroupModeRole = groupModeRole;
        OrganizationMode = organizationMode;
    }

    public string Uin { get; }

    public string PartnerId { get; }

    /// <summary>The name the partner knows the customer by; trimmed, never a key (the UIN is).</summary>
    public string Name { get; }

    public GroupModeRole GroupModeRole { get; }

    public bool OrganizationMode { get; }

    public bool IsInGroupMode => GroupModeRole != GroupModeRole.None;

    /// <summary>
    /// Returns <paramref name="name"/> trimmed when it is a valid <see cref="TextFields.CustomerName"/>; otherwise
    /// throws <see cref="ErrorCodes.CustomerNameInvalid"/>. Public so the API can report the problem against its
    /// field before building a customer.
    /// </summary>
    public static string ValidName(string? name) => TextFields.CustomerName.Required(name);
}
