using System.Security.Cryptography;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Server.Abuse;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;

namespace LiveInteract.Server.Battles;

/// <summary>
/// Battles over REST: the inviting room's creator creates one, the invited room's creator accepts or declines.
/// Scores and the result reach viewers as <c>battle</c> events in both room streams.
/// </summary>
public static class BattleEndpoints
{
    public static IEndpointRouteBuilder MapBattleEndpoints(this IEndpointRouteBuilder app)
    {
        var battles = app.MapGroup("/api/battles").WithTags("Battles").RequireAuthorization();
        var writes = battles.MapGroup("").RequireRateLimiting(RestRateLimiting.Battles);

        writes.MapPost("/", async (BattleInviteRequest request, HttpContext http, IGrainFactory grains, RoomIdIssuer ids) =>
        {
            var battleId = "b" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            var battle = await grains.GetGrain<IBattleGrain>(battleId).Invite(http.User.ToActor(),
                ids.Require(request.RoomId), ids.Require(request.OpponentRoomId), request.DurationSeconds ?? 0);
            return TypedResults.Created($"/api/battles/{battleId}", battle);
        })
        .RequireAuthorization(LiveClaims.CreatorPolicy)
        .WithSummary("Invite another live room to a timed gift battle (the inviting room's creator)");

        battles.MapGet("/{battleId}", (string battleId, IGrainFactory grains) => Battle(grains, battleId).Get())
            .WithSummary("A battle: sides, scores, end time, result");

        writes.MapPost("/{battleId}/accept", (string battleId, HttpContext http, IGrainFactory grains) =>
            Battle(grains, battleId).Accept(http.User.ToActor()))
            .WithSummary("Accept an invitation (the invited room's creator): the clock starts");

        writes.MapPost("/{battleId}/decline", (string battleId, HttpContext http, IGrainFactory grains) =>
            Battle(grains, battleId).Decline(http.User.ToActor()))
            .WithSummary("Decline or withdraw an invitation");

        return app;
    }

    private static IBattleGrain Battle(IGrainFactory grains, string battleId)
    {
        if (!(battleId.Length is > 0 and <= 64) || !battleId.All(char.IsAsciiLetterOrDigit))
            throw new LiveInteractException(ErrorCodes.NotFound, "battle not found");
        return grains.GetGrain<IBattleGrain>(battleId);
    }
}
