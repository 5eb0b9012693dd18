namespace VoucherFunctions.Application.Common;

/// <summary>
/// The roles an actor can hold (a token carries them as role claims), as flags so an operation can name the set it
/// admits in one attribute argument. <see cref="Anonymous"/> (no flag) marks the few operations that need no token.
/// </summary>
[Flags]
public enum ActorRoles
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

/// <summary>The names of the roles (the role claim values of the tokens, the roles of API keys), and their flags.</summary>
public static class RoleNames
{
    public const string Reseller = "reseller";
    public const string Distributor = "distributor";
    public const string SecondLevelReseller = "second-level-reseller";
    public const string Reviewer = "reviewer";
    public const string ChannelManager = "channel-manager";
    public const string Customer = "customer";

    public static IReadOnlyDictionary<string, ActorRoles> All { get; } = new Dictionary<string, ActorRoles>(StringComparer.Ordinal)
    {
        [Reseller] = ActorRoles.Reseller,
        [Distributor] = ActorRoles.Distributor,
        [SecondLevelReseller] = ActorRoles.SecondLevelReseller,
        [Reviewer] = ActorRoles.Reviewer,
        [ChannelManager] = ActorRoles.ChannelManager,
        [Customer] = ActorRoles.Customer,
    };

    /// <summary>The claim values of the roles in <paramref name="roles"/>, in a stable order.</summary>
    public static IEnumerable<string> Of(ActorRoles roles) => All.Where(r => roles.HasFlag(r.Value) && r.Value != ActorRoles.Anonymous).Select(r => r.Key);
}
