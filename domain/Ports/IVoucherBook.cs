namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Vouchers;

/// <summary>A partner's whole book of vouchers, for reports: every type and state, read as one row-key range of its partition.</summary>
public interface IVoucherBook
{
    Task<IReadOnlyList<Voucher>> AllAsync(string partnerId, CancellationToken cancellationToken = default);

    /// <summary>Only the partner's Type I and Type II vouchers (the vendor-funded ones), one range too.</summary>
    Task<IReadOnlyList<Voucher>> VendorFundedAsync(string partnerId, CancellationToken cancellationToken = default);
}
