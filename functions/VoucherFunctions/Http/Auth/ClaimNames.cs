namespace VoucherFunctions.Http.Auth;

/// <summary>The claims the API reads from a token.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string PartnerId = "partner_id";
    public const string Roles = "roles";
    public const string CustomerUin = "customer_uin";
    public const string DistributorId = "distributor_id";

    /// <summary>The single-valued claims that identify the caller: each must be one JSON string.</summary>
    public static readonly IReadOnlyList<string> Identity = [Subject, PartnerId, CustomerUin, DistributorId];
}
