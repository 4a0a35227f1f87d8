using Microsoft.IdentityModel.Tokens;

namespace LiveInteract.Server.Auth;

/// <summary>Tokens from the operator's own identity provider, next to the server's own.</summary>
public static class ExternalIdentity
{
    /// <summary>Algorithms accepted on tokens: the server's own HMAC, and RSA / ECDSA keys from the JWKS.</summary>
    public static readonly string[] Algorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
}
