using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Common;

/// <summary>
/// Who is acting in a use case: an id, the roles held and the tenant (partner; for customers the UIN, for second-level
/// resellers the distributor). The HTTP layer builds it only from a validated token, whose claims name the partner, never
/// the route, body or query. A use case that needs a tenant the actor lacks refuses with <see cref="Failure.Forbidden"/>.
/// </summary>
public sealed record Actor(string Id, ActorRoles Roles, string? PartnerId, string? CustomerUin, string? DistributorId)
{
    public bool Has(ActorRoles any) => (Roles & any) != 0;

    /// <summary>The actor's partner id; only asked by use cases that admit partner or customer roles, whose tokens must carry one.</summary>
    public string RequirePartnerId() => PartnerId ?? throw UseCaseException.Forbidden("The token carries no partner id.");

    public string RequireCustomerUin() => CustomerUin ?? throw UseCaseException.Forbidden("The token carries no customer UIN.");

    /// <summary>The distributor a second-level reseller sells under.</summary>
    public string RequireDistributorId() => DistributorId ?? throw UseCaseException.Forbidden("A second-level reseller token needs a distributor_id claim.");

    /// <summary>The issuer of customer vouchers this partner actor acts as (tier from its partner role).</summary>
    public Issuer AsIssuer()
    {
        var partnerId = RequirePartnerId();
        if (Has(ActorRoles.Reseller))
        {
            return Issuer.Reseller(partnerId);
        }

        if (Has(ActorRoles.Distributor))
        {
            return Issuer.Distributor(partnerId);
        }

        if (Has(ActorRoles.SecondLevelReseller))
        {
            return Issuer.SecondLevelReseller(partnerId, RequireDistributorId());
        }

        throw UseCaseException.Forbidden("Only partners issue customer vouchers.");
    }
}
