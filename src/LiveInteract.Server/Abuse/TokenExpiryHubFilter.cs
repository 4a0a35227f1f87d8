using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Abuse;

/// <summary>
/// A hub connection outlives the check of its token at connect time. This refuses every call once the token's
/// <c>exp</c> has passed (no clock skew), and the hub endpoint closes such connections too
/// (<c>CloseOnAuthenticationExpiration</c>): the client must reconnect with a fresh token.
/// </summary>
public sealed class TokenExpiryHubFilter(TimeProvider time) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var exp = invocationContext.Context.User?.FindFirst("exp")?.Value;
        if (exp is null || !long.TryParse(exp, out var expSeconds) || time.GetUtcNow().ToUnixTimeSeconds() >= expSeconds)
            throw new HubException("token expired: sign in again");
        return next(invocationContext);
    }
}
