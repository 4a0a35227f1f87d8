using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Auth;

/// <summary>
/// A hub connection outlives the check of its token at connect time: every call re-checks revocation (cached per
/// silo), and a revoked connection is refused and closed, so the client must sign in again.
/// </summary>
public sealed class TokenRevocationHubFilter(TokenRevocations revocations) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (await revocations.IsRevoked(invocationContext.Context.User))
        {
            invocationContext.Context.Abort();
            throw new HubException("token revoked: sign in again");
        }
        return await next(invocationContext);
    }
}
