using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.ApiKeys;

namespace VoucherFunctions.Application.ApiKeys;

/// <summary>A key's role by the same names as the token roles.</summary>
public static class ApiKeyRoles
{
    public static string Name(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Reseller => RoleNames.Reseller,
        ApiKeyRole.Distributor => RoleNames.Distributor,
        ApiKeyRole.SecondLevelReseller => RoleNames.SecondLevelReseller,
        _ => RoleNames.Customer,
    };

    public static ApiKeyRole? Parse(string? name) => name switch
    {
        RoleNames.Reseller => ApiKeyRole.Reseller,
        RoleNames.Distributor => ApiKeyRole.Distributor,
        RoleNames.SecondLevelReseller => ApiKeyRole.SecondLevelReseller,
        RoleNames.Customer => ApiKeyRole.Customer,
        _ => null,
    };

    /// <summary>The token role a partner key of this role needs; customer keys need any partner role.</summary>
    public static ActorRoles TokenRole(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Reseller => ActorRoles.Reseller,
        ApiKeyRole.Distributor => ActorRoles.Distributor,
        ApiKeyRole.SecondLevelReseller => ActorRoles.SecondLevelReseller,
        _ => ActorRoles.Partners,
    };
}
