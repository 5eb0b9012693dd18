namespace VoucherFunctions.Domain.Scopes;

/// <summary>What a bill line consumed: a product and, optionally, one of its sub-products.</summary>
public sealed record ProductRef(string ProductCode, string? SubProductCode = null);
