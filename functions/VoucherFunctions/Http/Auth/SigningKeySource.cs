using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace VoucherFunctions.Http.Auth;

/// <summary>Builds the token validation parameters once from <see cref="AuthOptions"/>: a symmetric key, or Entra ID metadata (keys fetched and refreshed by a configuration manager).</summary>
public sealed class SigningKeySource
{
    public SigningKeySource(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = auth.ClockSkew,
        };

        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            AuthOptions.TryDecodeKey(auth.SigningKey, out var bytes);
            Parameters.IssuerSigningKey = new SymmetricSecurityKey(bytes);
            Parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            Parameters.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                auth.MetadataAddress!, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
            Parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        }
    }

    public TokenValidationParameters Parameters { get; }
}
