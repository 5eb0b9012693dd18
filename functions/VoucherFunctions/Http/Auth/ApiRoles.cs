namespace VoucherFunctions.Http.Auth;

/// <summary>
/// The roles a token can carry, as flags so an operation can name the set it admits in one attribute
/// argument. <see cref="Anonymous"/> (no flag) marks the few operations that need no token.
/// </summary>
[Flags]
public enum ApiRoles
{
    Anonymous = 0,
    Reseller = 1,
    Distributor = 2,
    SecondLevelReseller = 4,
    Reviewer = 8,
    ChannelManager = 16,
    Customer = 32,

    /// <summary>Every partner role: the callers that own customers, templates and customer vouchers.</summary>
    Partners = Reseller | Distributor | SecondLevelReseller,

    /// <summary>Any authenticated caller.</summary>
    Everyone = Partners | Reviewer | ChannelManager | Customer,
}

/// <summary>The role claim values of the tokens, and their flags.</summary>
public static class RoleNames
{
    public const string Reseller = "reseller";
    public const string Distributor = "distributor";
    public const string SecondLevelReseller = "second-level-reseller";
    public const string Reviewer = "reviewer";
    public const string ChannelManager = "channel-manager";
    public const string Customer = "customer";

    public static IReadOnlyDictionary<string, ApiRoles> All { get; } = new Dictionary<string, ApiRoles>(StringComparer.Ordinal)
    {
        [Reseller] = ApiRoles.Reseller,
        [Distributor] = ApiRoles.Distributor,
        [SecondLevelReseller] = ApiRoles.SecondLevelReseller,
        [Reviewer] = ApiRoles.Reviewer,
        [ChannelManager] = ApiRoles.ChannelManager,
        [Customer] = ApiRoles.Customer,
    };

    /// <summary>The claim values of the roles in <paramref name="roles"/>, in a stable order.</summary>
    public static IEnumerable<string> Of(ApiRoles roles) => All.Where(r => roles.HasFlag(r.Value) && r.Value != ApiRoles.Anonymous).Select(r => r.Key);
}
