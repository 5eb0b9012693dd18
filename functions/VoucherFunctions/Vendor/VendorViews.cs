using System.Globalization;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Vendor;

/// <summary>
/// Our voucher, in the vendor's words. Statuses are views of the one lifecycle (<see cref="VendorStatusViews"/>):
/// the lists use Issued/Used/Expired/Invalidated (a withdrawn customer voucher reads Invalidated), the by-UIN
/// queries Unused/Used/Expired. Amounts are JSON numbers with up to 8 decimals (exact: decimal, never double);
/// times are UTC as <c>yyyy-MM-dd HH:mm:ss</c>.
/// </summary>
public static class VendorViews
{
    public static string ListStatus(Voucher v, DateTimeOffset now) => VendorStatusViews.ToPartnerVoucherStatus(v, now).ToString();

    public static string ByUinStatus(Voucher v, DateTimeOffset now) => VendorStatusViews.ToCustomerVoucherStatus(v, now).ToString();

    public static string Usage(VoucherPurpose purpose) => purpose == VoucherPurpose.ProductTrial ? "ProductTrial" : "CustomerOffer";

    public static string PaymentMode(PaymentModeScope scope) => scope switch
    {
        PaymentModeScope.Prepaid => "Prepaid",
        PaymentModeScope.Postpaid => "Postpaid",
        _ => "AllPayment",
    };

    public static string PayMode(PaymentMode mode) => mode == Domain.Deduction.PaymentMode.Prepaid ? "Prepaid" : "Postpaid";

    public static string ProductScope(ProductScopeKind kind) => kind switch
    {
        ProductScopeKind.AllowList => "SpecifyProducts",
        ProductScopeKind.BlockList => "SpecifyProductsBlacklist",
        _ => "AllProducts",
    };

    public static decimal Amount(Money money) => (decimal)money.MinorUnits / Money.MinorUnitsPerUnit;

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A customer UIN as the vendor's integer, or null when ours is not a canonical integer (then the vendor API cannot name it).</summary>
    public static long? Uin(string? uin) =>
        uin is not null && long.TryParse(uin, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == uin ? n : null;

    /// <summary>
    /// Whether the vendor API can show this voucher: it has its integer id, (when it has a customer) an integer
    /// UIN, and is in USD, the only currency the vendor's amounts carry (they have no currency field).
    /// </summary>
    public static bool IsAddressable(Voucher v) =>
        v.NumericId is not null && (v.CustomerUin is null || Uin(v.CustomerUin) is not null) && v.Currency == Currency.USD;
}
