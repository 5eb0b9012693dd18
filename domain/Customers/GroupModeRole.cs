namespace VoucherFunctions.Domain.Customers;

/// <summary>A customer's role in the vendor's group mode (customer groups under one administrator).</summary>
public enum GroupModeRole
{
    None,
    Administrator,
    Member,
}
