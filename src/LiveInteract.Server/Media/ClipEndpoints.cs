using System.Text.RegularExpressions;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Clips;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;
using Microsoft.Extensions.Options;

namespace LiveInteract.Server.Media;

/// <summary>
/// Clips: the last 3-15 seconds of a room's filtered video as a looping animated GIF. Made by the silo that runs the
/// room's pipeline (from its ring of recent downscaled frames), stored on its disk, listed in the snapshot's
/// <c>media.clips</c>, and served without a token so a share link works anywhere.
/// </summary>
public static partial class ClipEndpoints
{
    // One GIF at a time per silo: encoding is CPU work, and clips are a convenience, not the live path.
    private static readonly SemaphoreSlim Encoding = new(1, 1);

    public static IEndpointRouteBuilder MapClips(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rooms/{roomId}/clips", Create).RequireAuthorization().WithTags("Video")
            .WithSummary("Clip the last 3-15 seconds of the room's video as an animated GIF (creator, moderators, viewers within a rate limit)");
        app.MapGet("/rooms/{roomId}/clips/{file}", Serve).AllowAnonymous().AddEndpointFilter<BannedViewerVideoFilter>().WithTags("Video")
            .WithSummary("A clip: {clipId}.gif");
        return app;
    }

    private static async Task<IResult> Create(string roomId, ClipRequest? request, HttpContext http, IGrainFactory grains,
        RoomMediaRegistry media, ClipRateLimiter limiter, IOptions<MediaOptions> options)
    {
        RoomIds.Validate(roomId);
        if (request?.Seconds is not int seconds || seconds < ClipOptions.MinClipSeconds || seconds > ClipOptions.MaxClipSeconds)
        {
            throw new LiveInteractException(ErrorCodes.BadRequest,
                $"seconds must be a whole number from {ClipOptions.MinClipSeconds} to {ClipOptions.MaxClipSeconds}");
        }

        var actor = http.User.ToActor();
        var room = grains.GetGrain<IRoomGrain>(roomId);
        await room.EnsureCanInteract(actor); // banned users cannot clip either
        var snapshot = await room.GetSnapshot(afterSeq: null, upToSeq: 0);
        if (snapshot.Status != RoomStatus.Live)
        {
            throw new LiveInteractException(ErrorCodes.NotLive, "the room is not live: there is no video to clip");
        }

        var staff = snapshot.CreatorId == actor.UserId || await IsModerator(room, actor);
        if (!limiter.TryTake(actor.UserId, staff))
        {
            throw new LiveInteractException(ErrorCodes.RateLimited,
                staff ? "too many clips: try again in a few seconds" : $"viewers may make {options.Value.ViewerClipsPerMinute:0.#} clip(s) a minute: try again later");
        }

        var pipeline = media.Find(roomId)
            ?? throw new LiveInteractException(ErrorCodes.Conflict, "the room has no video on this server: nobody is streaming to it");
        var frames = pipeline.RecentFrames(seconds);
        if (frames.Count == 0)
        {
            throw new LiveInteractException(ErrorCodes.Conflict, "the room has no video yet: no frame has been processed");
        }

        if (!await Encoding.WaitAsync(TimeSpan.FromSeconds(10), http.RequestAborted))
        {
            throw new LiveInteractException(ErrorCodes.Unavailable, "clips are busy on this server: try again shortly");
        }

        byte[] gif;
        try
        {
            gif = await Task.Run(() => AnimatedClipEncoder.EncodeGif(frames), http.RequestAborted);
        }
        finally
        {
            Encoding.Release();
        }

        var clip = await media.Clips.Save(roomId, gif, seconds, frames.Count, frames[0].Width, frames[0].Height, actor.UserId);
        await room.ReportMedia(IngestEndpoint.Status(pipeline, ingesting: true, media.Clips.Recent(roomId)));
        return Results.Created(clip.Url, clip);
    }

    private static async Task<bool> IsModerator(IRoomGrain room, Actor actor)
    {
        // The audit log is for the creator and moderators only: the room grain's own rule decides.
        try
        {
            await room.GetModerationLog(actor, before: null, limit: 1);
            return true;
        }
        catch (LiveInteractException e) when (e.Code == ErrorCodes.Forbidden)
        {
            return false;
        }
    }

    private static IResult Serve(string roomId, string file, HttpContext http, RoomMediaRegistry media)
    {
        RoomIds.Validate(roomId);
        var match = ClipFile().Match(file);
        if (!match.Success)
        {
            return Results.Problem(title: "no such clip", statusCode: StatusCodes.Status404NotFound, extensions: NotFoundCode);
        }

        if (match.Groups[2].Value == "webp")
        {
            // Checked: ImageSharp 2.1.13's WebP encoder writes only the first frame, so clips are GIF only.
            return Results.Problem(title: "clips are GIF only (use .gif): animated WebP needs ImageSharp 3",
                statusCode: StatusCodes.Status404NotFound, extensions: NotFoundCode);
        }

        var clipId = match.Groups[1].Value;
        var path = media.Clips.PathOf(roomId, clipId);
        if (!media.Clips.Has(roomId, clipId) || !File.Exists(path))
        {
            return Results.Problem(title: "no such clip", statusCode: StatusCodes.Status404NotFound, extensions: NotFoundCode);
        }

        // A clip never changes once made.
        http.Response.Headers.CacheControl = "public, max-age=86400, immutable";
        return Results.File(path, "image/gif");
    }

    private static readonly Dictionary<string, object?> NotFoundCode = new() { ["code"] = ErrorCodes.NotFound };

    [GeneratedRegex(@"^([0-9a-f]{16})\.(gif|webp)$")]
    private static partial Regex ClipFile();
}
