namespace VoucherFunctions.Domain.Tests.Customers;

using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Tests.Support;

public class CustomerTests
{
    [Fact]
    public void The_name_is_kept_trimmed()
    {
        var customer = new Customer("100200300", "partner-1", "  Acme Ltd. (Shenzhen)  ", GroupModeRole.Member, organizationMode: true);

        Assert.Equal("Acme Ltd. (Shenzhen)", customer.Name);
        Assert.Equal("100200300", customer.Uin);
        Assert.True(customer.IsInGroupMode);
    }

    [Fact]
    public void A_name_may_have_200_characters_but_not_201()
    {
        Assert.Equal(200, Customer.ValidName(new string('n', 200)).Length);
        Assert.Equal(200, Customer.ValidName(" " + new string('n', 200) + " ").Length);
        Expect.Code(ErrorCodes.CustomerNameInvalid, () => Customer.ValidName(new string('n', 201)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Acme\nLtd")]
    [InlineData("Acme\u0000")]
    [InlineData("Acme\u007f Ltd")]
    public void Empty_names_and_control_characters_are_refused(string? name)
    {
        Expect.Code(ErrorCodes.CustomerNameInvalid, () => Customer.ValidName(name));
        Expect.Code(ErrorCodes.CustomerNameInvalid, () => new Customer("c1", "partner-1", name!));
    }

    [Fact]
    public void Names_are_not_ids_so_key_characters_are_allowed() =>
        Assert.Equal("O'Brien / Sons #1?", Customer.ValidName("O'Brien / Sons #1?"));
}
