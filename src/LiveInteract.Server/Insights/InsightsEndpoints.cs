using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Insights;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;
using LiveInteract.Server.Service;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Insights;

/// <summary>Creator insights, past lives, the creator score and the leaderboards (docs/INSIGHTS.md).</summary>
public static class InsightsEndpoints
{
    public static IEndpointRouteBuilder MapInsightsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rooms/{roomId}/insights", async (string roomId, HttpContext http, IGrainFactory grains) =>
        {
            var id = RoomIds.Validate(roomId);
            var actor = http.User.ToActor();
            var insights = await grains.GetGrain<IRoomInsightsGrain>(id).Get();
            // The creator, or a moderator: a token that names the room, or one the room itself lists (its staff check).
            if (insights.CreatorId != actor.UserId && actor.ModeratorOf?.Contains(id) != true)
                await grains.GetGrain<IRoomGrain>(id).GetModerationLog(actor, null, 1);
            return insights;
        })
        .WithTags("Insights")
        .WithSummary("A live's analytics: per-minute buckets and headline figures (the creator and moderators; also after it ended)")
        .RequireAuthorization();

        app.MapGet("/api/creators/{userId}/lives", async (string userId, int? offset, int? limit, HttpContext http, IGrainFactory grains) =>
        {
            await RequireSelfOrService(http, userId);
            return await grains.GetGrain<ICreatorInsightsGrain>(userId).GetLives(offset ?? 0, limit ?? 20);
        })
        .WithTags("Insights")
        .WithSummary("A creator's finished lives with headline figures, newest first, paged (the creator, or the service API)");

        app.MapGet("/api/creators/{userId}/score", async (string userId, HttpContext http, IGrainFactory grains) =>
        {
            await RequireSelfOrService(http, userId);
            return await grains.GetGrain<ICreatorInsightsGrain>(userId).GetScore();
        })
        .WithTags("Insights")
        .WithSummary("The creator performance score 0-100 with its components (the creator, or the service API)");

        app.MapGet("/api/rankings", async (string? board, string? period, int? limit, IGrainFactory grains, InsightsClock clock, IOptions<RankingOptions> options) =>
        {
            if (board is not (RankingNames.Creators or RankingNames.Gifters))
                throw new LiveInteractException(ErrorCodes.BadRequest, "board must be creators or gifters");
            if (period is not (RankingNames.Hour or RankingNames.Day or RankingNames.Week))
                throw new LiveInteractException(ErrorCodes.BadRequest, "period must be hour, day or week");
            var top = limit ?? 10;
            if (top < 1 || top > options.Value.MaxTop)
                throw new LiveInteractException(ErrorCodes.BadRequest, $"limit must be 1 to {options.Value.MaxTop}");
            var (start, end) = RankingWindows.Of(period, clock.Now);
            var entries = await grains.GetGrain<IRankingGrain>(RankingWindows.Key(period, clock.Now)).Top(board, top);
            return new Ranking(board, period, start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds(), entries);
        })
        .WithTags("Insights")
        .WithSummary("Top creators by coins received or top gifters by coins sent, this hour, day or week (UTC)")
        .AllowAnonymous();

        app.MapGet(ServiceApi.Routes + "/risk", async (long? since, int? limit, IGrainFactory grains) =>
            await grains.GetGrain<IRiskGrain>(IRiskGrain.Key).List(since ?? 0, limit ?? 100))
        .WithTags("Service")
        .WithSummary("At-risk flags raised at or after since (unix ms), oldest first, each with its reason and evidence")
        .RequireAuthorization(ServiceApi.Policy);

        return app;
    }

    /// <summary>The user themself (bearer token), or the operator's backend (a valid X-Api-Key).</summary>
    private static async Task RequireSelfOrService(HttpContext http, string userId)
    {
        if (userId.Length > 256) throw new LiveInteractException(ErrorCodes.BadRequest, "userId is too long");
        if (http.Request.Headers.ContainsKey(ServiceApi.Header))
        {
            if ((await http.AuthenticateAsync(ServiceApi.Scheme)).Succeeded) return;
            throw new LiveInteractException(ErrorCodes.Forbidden, "the API key is not valid");
        }
        if (http.User.ToActor().UserId != userId)
            throw new LiveInteractException(ErrorCodes.Forbidden, "you can only see your own figures");
    }
}
