namespace VoucherFunctions.Domain.Tests.Scopes;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Tests.Support;

public class ScopeTests
{
    private static readonly ProductRef Cvm = new("cvm");
    private static readonly ProductRef CvmGpu = new("cvm", "cvm-gpu");
    private static readonly ProductRef Cos = new("cos");

    [Fact]
    public void All_products_admits_everything()
    {
        Assert.True(ProductScope.AllProducts.Admits(Cvm));
        Assert.True(ProductScope.AllProducts.Admits(CvmGpu));
    }

    [Fact]
    public void Allow_list_admits_only_listed_products_and_all_their_sub_products()
    {
        var scope = ProductScope.AllowList("cvm");
        Assert.True(scope.Admits(Cvm));
        Assert.True(scope.Admits(CvmGpu));
        Assert.False(scope.Admits(Cos));
    }

    [Fact]
    public void Allow_list_of_a_sub_product_admits_only_that_sub_product()
    {
        var scope = ProductScope.AllowList("cvm-gpu");
        Assert.True(scope.Admits(CvmGpu));
        Assert.False(scope.Admits(Cvm));
        Assert.False(scope.Admits(new ProductRef("cvm", "cvm-std")));
    }

    [Fact]
    public void Block_list_admits_everything_but_listed_products_or_sub_products()
    {
        Assert.False(ProductScope.BlockList("cvm").Admits(CvmGpu));
        Assert.True(ProductScope.BlockList("cvm").Admits(Cos));
        Assert.False(ProductScope.BlockList("cvm-gpu").Admits(CvmGpu));
        Assert.True(ProductScope.BlockList("cvm-gpu").Admits(Cvm));
    }

    [Fact]
    public void Lists_must_not_be_empty_and_all_products_must_not_list()
    {
        Expect.Code(ErrorCodes.ProductScopeInvalid, () => ProductScope.AllowList());
        Expect.Code(ErrorCodes.ProductScopeInvalid, () => ProductScope.BlockList([]));
        Expect.Code(ErrorCodes.ProductScopeInvalid, () => ProductScope.Create(ProductScopeKind.AllProducts, ProductSet.Of("cvm")));
        Expect.Code(ErrorCodes.IdInvalid, () => ProductScope.AllowList("a/b"));
    }

    [Fact]
    public void Scopes_compare_by_content()
    {
        Assert.Equal(ProductScope.AllowList("b", "a", "a"), ProductScope.AllowList("a", "b"));
        Assert.NotEqual(ProductScope.AllowList("a"), ProductScope.BlockList("a"));
    }

    [Theory]
    [InlineData(PaymentModeScope.All, PaymentMode.Prepaid, true)]
    [InlineData(PaymentModeScope.All, PaymentMode.Postpaid, true)]
    [InlineData(PaymentModeScope.Prepaid, PaymentMode.Prepaid, true)]
    [InlineData(PaymentModeScope.Prepaid, PaymentMode.Postpaid, false)]
    [InlineData(PaymentModeScope.Postpaid, PaymentMode.Postpaid, true)]
    [InlineData(PaymentModeScope.Postpaid, PaymentMode.Prepaid, false)]
    public void Payment_mode_scope(PaymentModeScope scope, PaymentMode mode, bool admitted) =>
        Assert.Equal(admitted, scope.Admits(mode));

    [Fact]
    public void Blocklist_snapshot_does_not_follow_later_edits()
    {
        var t0 = DateTimeOffset.Parse("2025-01-01T00:00:00Z");
        var list = VendorProductBlocklist.Empty.Add("mining", t0);
        var frozen = list.Freeze();
        var edited = list.Add("gpu", t0.AddDays(1)).Remove("mining", t0.AddDays(1));

        Assert.True(frozen.Contains("mining"));
        Assert.False(frozen.Contains("gpu"));
        Assert.Equal(ProductSet.Of("gpu"), edited.Freeze());
    }
}
