using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LiveInteract.Server.Auth;

/// <summary>
/// Reads a bare JWKS document (file or URL) as the signing keys of <paramref name="issuer"/>, for JwtBearer's
/// configuration manager, which caches it and fetches it again on its refresh interval or on an unknown key id.
/// </summary>
public sealed class JwksConfigurationRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var json = await retriever.GetDocumentAsync(address, cancel);
        var keys = new JsonWebKeySet(json);
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        // Asymmetric keys only: a symmetric key in the document would let the provider mint tokens that look like ours.
        foreach (var key in keys.GetSigningKeys().Where(k => k is RsaSecurityKey or ECDsaSecurityKey or JsonWebKey { Kty: "RSA" or "EC" }))
            configuration.SigningKeys.Add(key);
        return configuration;
    }

    public static IConfigurationManager<OpenIdConnectConfiguration> Manager(AuthOptions options)
    {
        var isUrl = Uri.TryCreate(options.Jwks, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        IDocumentRetriever documents = isUrl
            ? new HttpDocumentRetriever { RequireHttps = options.JwksRequireHttps }
            : new FileDocumentRetriever();
        var address = isUrl ? options.Jwks : Path.GetFullPath(options.Jwks);
        return new ConfigurationManager<OpenIdConnectConfiguration>(address, new JwksConfigurationRetriever(options.Issuer), documents)
        {
            AutomaticRefreshInterval = options.JwksRefreshInterval,
        };
    }
}
