using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Abuse;

/// <summary>
/// Per-connection and per-user token buckets for hub messages (the ASP.NET Core rate limiter only sees HTTP requests).
/// A flooder gets a "slow down" error for the excess; the call never reaches a grain, so other viewers are unaffected.
/// Also caps connections per user.
/// </summary>
public sealed class RateLimitHubFilter(IOptions<AbuseOptions> options, UserConnections users, TimeProvider time) : IHubFilter
{
    private const string BucketsKey = "li.rate-buckets";
    private const string CountedKey = "li.counted-user";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var kind = KindOf(invocationContext.HubMethodName);
        var limit = LimitOf(kind);
        var context = invocationContext.Context;
        var connectionBucket = ConnectionBuckets(context)[(int)kind] ??= new TokenBucket(limit.PerSecond, limit.Burst, time);
        if (!connectionBucket.TryTake()) throw SlowDown(kind);
        var userId = context.Items.TryGetValue(CountedKey, out var counted) ? counted as string : null;
        if (userId is not null && users.Bucket(userId, kind, limit) is { } userBucket && !userBucket.TryTake())
        {
            connectionBucket.Return();
            throw SlowDown(kind);
        }
        return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var userId = context.Context.User?.FindFirst(LiveClaims.UserId)?.Value;
        if (userId is not null)
        {
            if (!users.TryAdd(userId))
                throw new HubException($"too many connections: at most {options.Value.MaxConnectionsPerUser} per user");
            context.Context.Items[CountedKey] = userId;
        }
        try { await next(context); }
        catch
        {
            // OnDisconnectedAsync does not run for a connection whose OnConnectedAsync failed.
            if (userId is not null) users.Remove(userId);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try { await next(context, exception); }
        finally
        {
            if (context.Context.Items.TryGetValue(CountedKey, out var counted) && counted is string userId) users.Remove(userId);
        }
    }

    public static MessageKind KindOf(string method) => method switch
    {
        HubMethods.SendComment => MessageKind.Comment,
        HubMethods.SendLike => MessageKind.Like,
        HubMethods.SendGift => MessageKind.Gift,
        _ => MessageKind.Other,
    };

    private MessageLimit LimitOf(MessageKind kind) => kind switch
    {
        MessageKind.Comment => options.Value.Comments,
        MessageKind.Like => options.Value.Likes,
        MessageKind.Gift => options.Value.Gifts,
        _ => options.Value.Other,
    };

    private static TokenBucket?[] ConnectionBuckets(HubCallerContext context)
    {
        if (context.Items.TryGetValue(BucketsKey, out var value)) return (TokenBucket?[])value!;
        var buckets = new TokenBucket?[Enum.GetValues<MessageKind>().Length];
        context.Items[BucketsKey] = buckets;
        return buckets;
    }

    private static HubException SlowDown(MessageKind kind) => new(kind switch
    {
        MessageKind.Comment => "slow down: too many comments",
        MessageKind.Like => "slow down: too many likes",
        MessageKind.Gift => "slow down: too many gifts",
        _ => "slow down: too many requests",
    });
}
