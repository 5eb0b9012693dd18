namespace VoucherFunctions.Domain.Templates;

public enum TemplateFamily
{
    /// <summary>Used to apply for Type II (partner trial) vouchers.</summary>
    PartnerVoucher,

    /// <summary>Used to issue Type III vouchers with purpose "customer discount".</summary>
    CustomerVoucher,
}
