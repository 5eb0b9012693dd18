namespace VoucherFunctions.Domain;

/// <summary>Anchor for reflection over the domain assembly (architecture tests, DI scanning).</summary>
public static class DomainAssembly
{
}
