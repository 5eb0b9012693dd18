namespace VoucherFunctions.Domain.Tests.Ids;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Tests.Support;

public class IdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("100012345678")]
    [InlineData("tpl-2024_01.x:y")]
    public void Accepts_storage_safe_ids(string id) => Assert.Equal(id, Ids.Validate(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a'b")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007fb")]
    public void Refuses_ids_storage_keys_cannot_hold(string? id) => Expect.Code(ErrorCodes.IdInvalid, () => Ids.Validate(id));

    [Fact]
    public void Refuses_ids_longer_than_128_characters()
    {
        Assert.Equal(128, Ids.Validate(new string('x', 128)).Length);
        Expect.Code(ErrorCodes.IdInvalid, () => Ids.Validate(new string('x', 129)));
    }
}
