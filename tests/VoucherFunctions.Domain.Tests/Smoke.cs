namespace VoucherFunctions.Domain.Tests;

public class DomainAssemblyTests
{
    [Fact]
    public void Domain_assembly_loads() => Assert.Equal("VoucherFunctions.Domain", typeof(DomainAssembly).Assembly.GetName().Name);
}
