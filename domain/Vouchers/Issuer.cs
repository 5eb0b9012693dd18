namespace VoucherFunctions.Domain.Vouchers;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;

/// <summary>The partner issuing customer vouchers, and for a second-level reseller the distributor behind it.</summary>
public sealed record Issuer
{
    private Issuer(string partnerId, PartnerTier tier, string? distributorId)
    {
        PartnerId = partnerId;
        Tier = tier;
        DistributorId = distributorId;
    }

    public string PartnerId { get; }

    public PartnerTier Tier { get; }

    /// <summary>Set only for <see cref="PartnerTier.SecondLevelReseller"/>.</summary>
    public string? DistributorId { get; }

    public static Issuer Reseller(string partnerId) => new(Ids.Validate(partnerId, "partner id"), PartnerTier.Reseller, null);

    public static Issuer Distributor(string partnerId) => new(Ids.Validate(partnerId, "partner id"), PartnerTier.Distributor, null);

    public static Issuer SecondLevelReseller(string partnerId, string distributorId)
    {
        Ids.Validate(partnerId, "partner id");
        Ids.Validate(distributorId, "distributor id");
        Guard.That(partnerId != distributorId, ErrorCodes.IssuanceNotAllowed, "A second-level reseller cannot be its own distributor.");
        return new(partnerId, PartnerTier.SecondLevelReseller, distributorId);
    }

    /// <summary>Who pays for the customer vouchers this issuer gives out.</summary>
    public FundingParty CustomerVoucherFunding => Tier == PartnerTier.SecondLevelReseller ? FundingParty.Distributor : FundingParty.Partner;
}
