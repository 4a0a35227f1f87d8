using System.Security.Claims;

namespace LiveInteract.Server.Auth;

/// <summary>
/// A copy of a validated token's principal with the same claims and nothing else: no reference to the parsed token
/// (its encoded text, header and payload dictionaries, its own claim list) and no per-claim property bags. A hub
/// connection keeps its request's principal for its whole life (the request, its authentication result and handler,
/// SignalR's connection), so the parsed token would stay reachable per connected viewer (~3 KiB, docs/BENCHMARKS.md
/// "Memory per viewer"). Nothing on the server reads the token object, only claims.
/// </summary>
public static class DetachedPrincipal
{
    public static ClaimsPrincipal Of(ClaimsPrincipal principal) =>
        new(principal.Identities.Select(identity => new ClaimsIdentity(
            identity.Claims.Select(Copy), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType)));

    // Claim names, value types, issuers and roles repeat in every token: one shared string each instead of one per viewer.
    // (A token is signed, so these are bounded by what the issuer and the identity provider write.)
    private static Claim Copy(Claim c) => new(string.Intern(c.Type), c.Type == LiveClaims.Role ? string.Intern(c.Value) : c.Value,
        string.Intern(c.ValueType), string.Intern(c.Issuer), string.Intern(c.OriginalIssuer));
}
