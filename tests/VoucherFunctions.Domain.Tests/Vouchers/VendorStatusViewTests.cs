namespace VoucherFunctions.Domain.Tests.Vouchers;

using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class VendorStatusViewTests
{
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    [Theory]
    [InlineData(VoucherStatus.Active, "100", PartnerVoucherStatus.Issued)]
    [InlineData(VoucherStatus.Active, "60", PartnerVoucherStatus.Used)]
    [InlineData(VoucherStatus.Exhausted, "0", PartnerVoucherStatus.Used)]
    [InlineData(VoucherStatus.Expired, "60", PartnerVoucherStatus.Expired)]
    [InlineData(VoucherStatus.Invalidated, "0", PartnerVoucherStatus.Invalidated)]
    public void Partner_view(VoucherStatus status, string balance, PartnerVoucherStatus expected) =>
        Assert.Equal(expected, VendorStatusViews.ToPartnerVoucherStatus(Voucher("v", VoucherType.TypeII, balance: balance, status: status), Now));

    [Theory]
    [InlineData(VoucherStatus.Active, "100", CustomerVoucherStatus.Unused)]
    [InlineData(VoucherStatus.Active, "60", CustomerVoucherStatus.Used)]
    [InlineData(VoucherStatus.Exhausted, "0", CustomerVoucherStatus.Used)]
    [InlineData(VoucherStatus.Expired, "100", CustomerVoucherStatus.Expired)]
    [InlineData(VoucherStatus.Withdrawn, "0", CustomerVoucherStatus.Expired)]
    public void Customer_view(VoucherStatus status, string balance, CustomerVoucherStatus expected) =>
        Assert.Equal(expected, VendorStatusViews.ToCustomerVoucherStatus(Voucher("v", balance: balance, status: status), Now));

    [Fact]
    public void An_active_voucher_past_expiry_is_seen_as_expired_before_any_sweep()
    {
        var voucher = Voucher("v", expiresAt: T0.AddDays(1));
        Assert.Equal(CustomerVoucherStatus.Expired, VendorStatusViews.ToCustomerVoucherStatus(voucher, T0.AddDays(1)));
        Assert.Equal(PartnerVoucherStatus.Expired, VendorStatusViews.ToPartnerVoucherStatus(voucher with { Type = VoucherType.TypeII }, T0.AddDays(1)));
    }
}
