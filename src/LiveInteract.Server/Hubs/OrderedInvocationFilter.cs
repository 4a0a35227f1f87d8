using LiveInteract.Contracts.Hub;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Hubs;

/// <summary>
/// Lets a connection's gifts run beside its other hub calls while everything else keeps its order.
/// SignalR runs up to <see cref="ParallelInvocationsPerClient"/> calls of one connection at once; this filter puts
/// every call except <c>SendGift</c> through one per-connection lock, taken in the order the calls arrive, so
/// comments, likes, joins and moderation still run one at a time and in order (a sender's comments are never
/// reordered, and the hub's per-connection state needs no locks), while a gift, which waits for the wallet, the
/// creator and the room to store it, never holds up its sender's next comment.
/// Limit: once a connection has <see cref="ParallelInvocationsPerClient"/> calls in flight SignalR reads no further
/// message from it, so a viewer with 16 gifts in flight delays its own next comment until one returns. The default gift
/// limit (Abuse:Gifts, burst 10) keeps a real client below that.
/// </summary>
public sealed class OrderedInvocationFilter : IHubFilter
{
    /// <summary>SignalR's MaximumParallelInvocationsPerClient (its default is 1).</summary>
    public const int ParallelInvocationsPerClient = 16;

    private static readonly HashSet<string> Unordered = new(StringComparer.Ordinal) { HubMethods.SendGift };

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (Unordered.Contains(invocationContext.HubMethodName)) return await next(invocationContext);
        var gate = _locks.GetOrAdd(invocationContext.Context.ConnectionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try { return await next(invocationContext); }
        finally { gate.Release(); }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        // OnDisconnectedAsync runs after the connection's last invocation, so the lock is free to drop.
        try { await next(context, exception); }
        finally
        {
            if (_locks.TryRemove(context.Context.ConnectionId, out var gate)) gate.Dispose();
        }
    }
}
