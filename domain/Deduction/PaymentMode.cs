namespace VoucherFunctions.Domain.Deduction;

/// <summary>How a bill line is paid: in advance (subscriptions) or after use (pay-as-you-go).</summary>
public enum PaymentMode
{
    Prepaid,
    Postpaid,
}
