namespace VoucherFunctions.Domain.Tests.Distribution;

using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Tests.Support;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class QuotaPoolTests
{
    private static QuotaPool Pool(string total = "100") =>
        QuotaPool.Create("dist-1", "reseller-2", TestMoney.UsdCurrency, T0).Adjust(TestMoney.Usd(total), T0);

    [Fact]
    public void Allocate_then_reclaim()
    {
        var pool = Pool("100").Adjust(TestMoney.Usd("-40"), T0.AddHours(1));
        Assert.Equal(TestMoney.Usd("60"), pool.Total);
        Assert.Equal(TestMoney.Usd("60"), pool.Remaining);
    }

    [Fact]
    public void Reclaim_never_goes_below_what_is_issued()
    {
        var pool = Pool("100").Take(TestMoney.Usd("70"), T0);
        Assert.Equal(TestMoney.Usd("70"), pool.Adjust(TestMoney.Usd("-30"), T0).Total);
        Expect.Code(ErrorCodes.QuotaBelowIssued, () => pool.Adjust(TestMoney.Usd("-30.00000001"), T0));
    }

    [Fact]
    public void Issuing_takes_quota_and_withdrawal_returns_it()
    {
        var pool = Pool("100").Take(TestMoney.Usd("30"), T0).Take(TestMoney.Usd("20"), T0);
        Assert.Equal(2, pool.IssuedCount);
        Assert.Equal(TestMoney.Usd("50"), pool.Remaining);

        var returned = pool.Return(TestMoney.Usd("30"), T0);
        Assert.Equal(1, returned.IssuedCount);
        Assert.Equal(TestMoney.Usd("80"), returned.Remaining);
        Expect.Code(ErrorCodes.QuotaInsufficient, () => returned.Take(TestMoney.Usd("80.00000001"), T0));
    }

    [Fact]
    public void Zero_adjustments_and_foreign_currencies_are_refused()
    {
        Expect.Code(ErrorCodes.QuotaInvalid, () => Pool().Adjust(TestMoney.Usd("0"), T0));
        Expect.Code(ErrorCodes.CurrencyMismatch, () => Pool().Adjust(TestMoney.Cny("1"), T0));
        Expect.Code(ErrorCodes.QuotaInvalid, () => Pool().Return(TestMoney.Usd("1"), T0));
    }
}
