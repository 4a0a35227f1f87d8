namespace LiveInteract.Server.Service;

/// <summary>
/// Names of the service API: the operator's own backend calls it with an API key (not a user token) to sign its
/// users in, credit purchases and revoke tokens. Other endpoints that only the operator may call (webhooks, the
/// dashboard) require <see cref="Policy"/>.
/// </summary>
public static class ServiceApi
{
    /// <summary>The authorization policy: a valid <c>X-Api-Key</c> header.</summary>
    public const string Policy = "service";

    /// <summary>The authentication scheme that reads <see cref="Header"/>.</summary>
    public const string Scheme = "ServiceApiKey";

    /// <summary>The request header that carries the API key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Claim holding the configured name of the key that authenticated the call (for logs and audit).</summary>
    public const string KeyNameClaim = "service_key";

    /// <summary>Route prefix of the service API.</summary>
    public const string Routes = "/api/service";
}
