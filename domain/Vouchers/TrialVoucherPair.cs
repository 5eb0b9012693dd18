namespace VoucherFunctions.Domain.Vouchers;

/// <summary>A Type II voucher and the Type III product-trial voucher associated with it (each points at the other).</summary>
public sealed record TrialVoucherPair(Voucher PartnerVoucher, Voucher CustomerVoucher);
