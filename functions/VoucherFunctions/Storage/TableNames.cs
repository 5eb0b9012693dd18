namespace VoucherFunctions.Storage;

/// <summary>
/// Every table the app uses, in one place so an infrastructure check can assert each is declared.
/// One table holds all ledger records: entity-group transactions need one table and one partition,
/// and a bill's effects (vouchers, usage, outcome, idempotency marker) must commit together.
/// </summary>
public static class TableNames
{
    public const string Ledger = "ledger";

    public static IReadOnlyList<string> All { get; } = [Ledger];
}
