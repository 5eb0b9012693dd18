using Azure.Data.Tables;
using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Ports;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>A customer row: PK = the partner it pays, RK = "cust|{uin}".</summary>
internal static class CustomerRows
{
    public const string Kind = "customer";

    public static TableEntity ToEntity(Customer c)
    {
        var e = New(Keys.Partner(c.PartnerId), Keys.Customer(c.Uin), Kind);
        e["Uin"] = c.Uin;
        e["PartnerId"] = c.PartnerId;
        e["Name"] = c.Name;
        e["GroupModeRole"] = c.GroupModeRole.ToString();
        e["OrganizationMode"] = c.OrganizationMode;
        return e;
    }

    public static Customer FromEntity(TableEntity e) => new(
        GetString(e, "Uin"),
        GetString(e, "PartnerId"),
        // Rows written before customers had names carry none. The UIN is the only thing the partner is
        // known to call such a customer by, and any UIN the API accepted is also a valid name.
        e.GetString("Name") ?? GetString(e, "Uin"),
        GetEnum<GroupModeRole>(e, "GroupModeRole"),
        e.GetBoolean("OrganizationMode") ?? false);

    public static Versioned<Customer> Versioned(TableEntity e) => new(FromEntity(e), e.ETag.ToString());
}
