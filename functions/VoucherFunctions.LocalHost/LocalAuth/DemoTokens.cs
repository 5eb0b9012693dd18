using System.Text;

namespace VoucherFunctions.LocalHost.LocalAuth;

/// <summary>One ready-to-use token per role for the demo partner, printed when the local host starts.</summary>
public static class DemoTokens
{
    public const string PartnerId = "partner-demo";
    public const string CustomerUin = "100000000001";
    public const string DistributorId = "distributor-demo";

    public static IReadOnlyList<(string Role, string Token)> Mint(LocalTokenIssuer issuer) =>
    [
        ("reseller", issuer.Mint(new TokenRequest(["reseller"], PartnerId))),
        ("distributor", issuer.Mint(new TokenRequest(["distributor"], DistributorId))),
        ("second-level-reseller", issuer.Mint(new TokenRequest(["second-level-reseller"], "reseller2-demo", DistributorId: DistributorId))),
        ("reviewer", issuer.Mint(new TokenRequest(["reviewer"], Subject: "reviewer-demo"))),
        ("channel-manager", issuer.Mint(new TokenRequest(["channel-manager"], Subject: "channel-manager-demo"))),
        ("customer", issuer.Mint(new TokenRequest(["customer"], PartnerId, CustomerUin))),
    ];

    public static string Describe(LocalTokenIssuer issuer, Uri baseAddress)
    {
        var text = new StringBuilder();
        text.AppendLine($"    Tokens (8 h; partner '{PartnerId}', customer '{CustomerUin}'; mint more with POST {baseAddress}local/tokens):");
        foreach (var (role, token) in Mint(issuer))
        {
            text.AppendLine($"      {role,-22} {token}");
        }

        return text.ToString();
    }
}
