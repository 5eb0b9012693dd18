namespace VoucherFunctions.Domain.Customers;

using VoucherFunctions.Domain.Ids;

/// <summary>
/// What the rules need to know about an end customer: whose customer it is (the partner it pays),
/// its group-mode role (group administrators and members cannot receive direct customer vouchers) and
/// whether it is in organization mode (only then may one application name several customers).
/// </summary>
public sealed record Customer
{
    public Customer(string uin, string partnerId, GroupModeRole groupModeRole = GroupModeRole.None, bool organizationMode = false)
    {
        Uin = Ids.Validate(uin, "customer UIN");
        PartnerId = Ids.Validate(partnerId, "partner id");
        GroupModeRole = groupModeRole;
        OrganizationMode = organizationMode;
    }

    public string Uin { get; }

    public string PartnerId { get; }

    public GroupModeRole GroupModeRole { get; }

    public bool OrganizationMode { get; }

    public bool IsInGroupMode => GroupModeRole != GroupModeRole.None;
}
