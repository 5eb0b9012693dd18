namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Money;

/// <summary>One customer's vouchers in one currency: how many, their face value, and what remains.</summary>
public sealed record CustomerVoucherSummary(string CustomerUin, Currency Currency, int Count, Money Total, Money Remaining);
