using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Rows;

/// <summary>Vendor-wide rows in partition "sys|vendor": the blocklist ("blocklist") and catalogue products ("product|{code}").</summary>
internal static class VendorRows
{
    public static TableEntity BlocklistEntity(VendorProductBlocklist b)
    {
        var e = New(Keys.VendorPartition, Keys.BlocklistRow, "blocklist");
        e["Products"] = ToJson(b.Products);
        SetTime(e, "UpdatedAt", b.UpdatedAt);
        return e;
    }

    public static VendorProductBlocklist Blocklist(TableEntity e) => new(GetProductSet(e, "Products"), GetTime(e, "UpdatedAt"));

    public static TableEntity ProductEntity(CatalogProduct p)
    {
        var e = New(Keys.VendorPartition, Keys.Product(p.Code), "product");
        e["Code"] = p.Code;
        e["Name"] = p.Name;
        e["ParentCode"] = p.ParentCode;
        return e;
    }

    public static CatalogProduct Product(TableEntity e) => new(GetString(e, "Code"), GetString(e, "Name"), e.GetString("ParentCode"));
}
