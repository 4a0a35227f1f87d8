using LiveInteract.Server.Relays;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveInteract.Server.Auth;

/// <summary>
/// A hub connection outlives the check of its token at connect time: every call re-checks revocation (cached per
/// silo), and a revoked connection is refused and closed, so the client must sign in again. The refusal's text goes
/// out as the connection's close reason before the connection is closed: a call's own error would be dropped by the
/// close (SignalR writes nothing more to an aborted connection), and the clients fail the pending call with the close
/// reason (.NET: "The server closed the connection with the following error: token revoked: sign in again").
/// </summary>
public sealed class TokenRevocationHubFilter(TokenRevocations revocations, HubConnections connections, ILogger<TokenRevocationHubFilter> logger) : IHubFilter
{
    public const string Refusal = "token revoked: sign in again";
    private static readonly TimeSpan CloseWriteTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!await revocations.IsRevoked(invocationContext.Context.User)) return await next(invocationContext);

        // An expected refusal: no stack, not a warning.
        logger.LogInformation("Hub call {Method} refused and connection {ConnectionId} closed: token revoked", invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
        if (connections.Find(invocationContext.Context.ConnectionId) is { } connection)
        {
            // Bounded: a client that stopped reading must not hold this call open.
            using var timeout = new CancellationTokenSource(CloseWriteTimeout);
            try { await connection.WriteAsync(new CloseMessage(Refusal, allowReconnect: false), timeout.Token); }
            catch (OperationCanceledException) { }
        }
        invocationContext.Context.Abort();
        throw new HubException(Refusal);
    }
}
