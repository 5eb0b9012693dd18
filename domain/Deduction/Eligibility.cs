namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Vouchers;

/// <summary>Which vouchers may pay for which bill lines.</summary>
public static class Eligibility
{
    /// <summary>Null when <paramref name="voucher"/> (with balance <paramref name="balance"/>) may pay for <paramref name="line"/>; otherwise the first rule it fails.</summary>
    public static Ineligibility? Check(Voucher voucher, Bill bill, BillLine line, Money balance)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(balance);
        if (voucher.PartnerId != bill.PartnerId)
        {
            return Ineligibility.OtherPartner;
        }

        if (!IsTypeForPayer(voucher.Type, bill.PayerKind))
        {
            return Ineligibility.WrongType;
        }

        if (!IsForPayer(voucher, bill))
        {
            return Ineligibility.OtherCustomer;
        }

        if (voucher.Currency != bill.Currency)
        {
            return Ineligibility.CurrencyMismatch;
        }

        if (voucher.Status == VoucherStatus.Withdrawn)
        {
            return Ineligibility.Withdrawn;
        }

        if (voucher.Status == VoucherStatus.Invalidated)
        {
            return Ineligibility.Invalidated;
        }

        if (bill.BillTime < voucher.EffectiveFrom)
        {
            return Ineligibility.NotYetEffective;
        }

        // Status Expired is only a sweep's record of the same fact; the window at bill time decides,
        // so a late-arriving bill for consumption before expiry can still use the voucher.
        if (voucher.IsExpiredAt(bill.BillTime))
        {
            return Ineligibility.Expired;
        }

        if (!balance.IsPositive)
        {
            return Ineligibility.Exhausted;
        }

        if (!voucher.ProductScope.Admits(line.Product))
        {
            return Ineligibility.ProductOutOfScope;
        }

        if (voucher.FrozenBlocklist.Matches(line.Product))
        {
            return Ineligibility.ProductBlocklisted;
        }

        if (!voucher.CoversPaymentMode(line.PaymentMode))
        {
            return Ineligibility.PaymentModeOutOfScope;
        }

        return null;
    }

    public static Ineligibility? Check(Voucher voucher, Bill bill, BillLine line) => Check(voucher, bill, line, voucher.Balance);

    public static bool IsEligible(Voucher voucher, Bill bill, BillLine line) => Check(voucher, bill, line) is null;

    /// <summary>Customer bill: Type III of that customer. Partner bill: Type II of that customer, or any Type I of the partner.</summary>
    public static bool IsForPayer(Voucher voucher, Bill bill)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        ArgumentNullException.ThrowIfNull(bill);
        return bill.PayerKind switch
        {
            PayerKind.Customer => voucher.Type == VoucherType.TypeIII && voucher.CustomerUin == bill.CustomerUin,
            PayerKind.Partner => voucher.Type == VoucherType.TypeI
                || (voucher.Type == VoucherType.TypeII && voucher.CustomerUin == bill.CustomerUin),
            _ => false,
        };
    }

    /// <summary>Customer bill: Type III. Partner bill: Type I and Type II.</summary>
    public static bool IsTypeForPayer(VoucherType type, PayerKind payerKind) => payerKind switch
    {
        PayerKind.Customer => type == VoucherType.TypeIII,
        PayerKind.Partner => type is VoucherType.TypeI or VoucherType.TypeII,
        _ => false,
    };

    /// <summary>
    /// The product-trial vouchers that the "deducted first" switch promotes: Type II on a partner bill,
    /// and on a customer bill the Type III with purpose product trial (the one associated with a Type II).
    /// </summary>
    public static bool IsAssociatedTrial(Voucher voucher, PayerKind payerKind) => payerKind switch
    {
        PayerKind.Partner => voucher.Type == VoucherType.TypeII,
        PayerKind.Customer => voucher.Type == VoucherType.TypeIII && voucher.Purpose == VoucherPurpose.ProductTrial,
        _ => false,
    };
}
