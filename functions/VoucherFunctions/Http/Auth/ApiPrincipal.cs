using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Http.Auth;

/// <summary>
/// The authenticated caller, built only from a validated token. The partner id (and for customers the
/// UIN, for second-level resellers the distributor) come from claims, never from the route, body or query.
/// </summary>
public sealed record ApiPrincipal(string Id, ApiRoles Roles, string? PartnerId, string? CustomerUin, string? DistributorId)
{
    public bool Has(ApiRoles any) => (Roles & any) != 0;

    /// <summary>The caller's partner id; only called by operations that admit partner or customer roles, whose tokens must carry one.</summary>
    public string RequirePartnerId() => PartnerId ?? throw ApiException.Forbidden("The token carries no partner id.");

    public string RequireCustomerUin() => CustomerUin ?? throw ApiException.Forbidden("The token carries no customer UIN.");

    /// <summary>The issuer of customer vouchers this partner principal acts as (tier from its partner role).</summary>
    public Issuer AsIssuer()
    {
        var partnerId = RequirePartnerId();
        if (Has(ApiRoles.Reseller))
        {
            return Issuer.Reseller(partnerId);
        }

        if (Has(ApiRoles.Distributor))
        {
            return Issuer.Distributor(partnerId);
        }

        if (Has(ApiRoles.SecondLevelReseller))
        {
            return Issuer.SecondLevelReseller(partnerId, DistributorId ?? throw ApiException.Forbidden("A second-level reseller token needs a distributor_id claim."));
        }

        throw ApiException.Forbidden("Only partners issue customer vouchers.");
    }
}
