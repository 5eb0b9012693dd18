namespace VoucherFunctions.Domain.Applications;

using VoucherFunctions.Domain.Vouchers;

/// <summary>An approved application and, per customer, the Type II voucher and its associated Type III.</summary>
public sealed record ApplicationApproval(VoucherApplication Application, IReadOnlyList<TrialVoucherPair> Vouchers);
