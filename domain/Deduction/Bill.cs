namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;

/// <summary>
/// A bill addressed to one payer. A customer bill is what customer <see cref="CustomerUin"/> owes
/// partner <see cref="PartnerId"/>; a partner bill is what partner <see cref="PartnerId"/> owes the
/// vendor for that customer's consumption. <see cref="BillId"/> is unique per payer and is the
/// idempotency key. Construct with <see cref="Create"/> so a malformed bill is refused as a whole.
/// </summary>
public sealed record Bill
{
    public const int MaxLines = 10_000;

    public required string BillId { get; init; }

    public required string PartnerId { get; init; }

    public required PayerKind PayerKind { get; init; }

    public required string CustomerUin { get; init; }

    public required Currency Currency { get; init; }

    /// <summary>When the consumption happened; decides which vouchers were active.</summary>
    public required DateTimeOffset BillTime { get; init; }

    public required IReadOnlyList<BillLine> Lines { get; init; }

    /// <summary>The payer's id: the customer UIN for a customer bill, the partner id for a partner bill.</summary>
    public string PayerId => PayerKind == PayerKind.Customer ? CustomerUin : PartnerId;

    public Money Total => Lines.Aggregate(Money.Zero(Currency), (sum, line) => sum + line.Amount);

    public static Bill Create(
        string billId,
        string partnerId,
        PayerKind payerKind,
        string customerUin,
        Currency currency,
        DateTimeOffset billTime,
        IReadOnlyList<BillLine> lines)
    {
        var bill = new Bill
        {
            BillId = billId,
            PartnerId = partnerId,
            PayerKind = payerKind,
            CustomerUin = customerUin,
            Currency = currency,
            BillTime = billTime.ToUniversalTime(),
            Lines = lines?.ToArray() ?? throw Invalid("A bill needs lines."),
        };
        bill.Validate();
        return bill;
    }

    /// <summary>
    /// Throws <see cref="ErrorCodes.BillInvalid"/> (or an id/money code) when the bill is malformed.
    /// Line amounts must be in the bill currency and not negative; zero is allowed because billing
    /// emits zero-cost lines (free tiers) and refusing them would poison the whole bill.
    /// </summary>
    public void Validate()
    {
        Ids.Validate(BillId, "bill id");
        Ids.Validate(PartnerId, "partner id");
        Ids.Validate(CustomerUin, "customer UIN");
        Guard.That(Currency is not null, ErrorCodes.BillInvalid, "A bill needs a currency.");
        Guard.That(Enum.IsDefined(PayerKind), ErrorCodes.BillInvalid, $"Unknown payer kind {PayerKind}.");
        Guard.That(Lines is { Count: > 0 and <= MaxLines }, ErrorCodes.BillInvalid, $"A bill has 1 to {MaxLines} lines.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines)
        {
            Guard.That(line is not null, ErrorCodes.BillInvalid, "A bill line is missing.");
            Ids.Validate(line!.LineId, "line id");
            Guard.That(seen.Add(line.LineId), ErrorCodes.BillInvalid, $"Line id '{line.LineId}' appears twice.");
            Ids.Validate(line.ProductCode, "product code");
            if (line.SubProductCode is not null)
            {
                Ids.Validate(line.SubProductCode, "sub-product code");
            }

            Guard.That(Enum.IsDefined(line.PaymentMode), ErrorCodes.BillInvalid, $"Line '{line.LineId}' has an unknown payment mode.");
            Guard.That(line.Amount is not null, ErrorCodes.BillInvalid, $"Line '{line.LineId}' has no amount.");
            line.Amount!.EnsureCurrency(Currency!, $"amount of line '{line.LineId}'").EnsureNotNegative($"amount of line '{line.LineId}'");
        }

        _ = Total; // Refuses (money.overflow) a bill whose total cannot be represented.
    }

    private static DomainException Invalid(string message) => new(ErrorCodes.BillInvalid, message);
}
