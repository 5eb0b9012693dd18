namespace VoucherFunctions.Http.Auth;

/// <summary>The claims the API reads from a token.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string PartnerId = "partner_id";
    public const string Roles = "roles";
    public const string CustomerUin = "customer_uin";
    public const string DistributorId = "distributor_id";
}
