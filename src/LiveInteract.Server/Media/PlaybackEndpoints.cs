using System.Text;
using System.Text.RegularExpressions;
using LiveInteract.Server.Rooms;
using Microsoft.Net.Http.Headers;

namespace LiveInteract.Server.Media;

/// <summary>
/// Video for viewers over plain HTTP, without a token (a CDN can cache it and an &lt;img&gt; or a player can fetch it):
/// HLS playlist and segments, a low-latency MJPEG preview, and a thumbnail for the lobby. A request with the token of a
/// user banned from the room is refused (<see cref="BannedViewerVideoFilter"/>).
/// </summary>
public static partial class PlaybackEndpoints
{
    public static IEndpointRouteBuilder MapPlayback(this IEndpointRouteBuilder app)
    {
        var video = app.MapGroup("/rooms/{roomId}").WithTags("Video").AllowAnonymous().AddEndpointFilter<BannedViewerVideoFilter>();
        video.MapGet("/hls/{file}", Hls).WithSummary("HLS playlist (index.m3u8) and segments");
        video.MapGet("/preview.mjpeg", Preview).WithSummary("Low-latency MJPEG preview of the filtered video");
        video.MapGet("/thumbnail.jpg", Thumbnail).WithSummary("The latest filtered frame");
        return app;
    }

    private static IResult Hls(string roomId, string file, HttpContext http, RoomMediaRegistry media)
    {
        RoomIds.Validate(roomId);
        if (!HlsFile().IsMatch(file)) return Results.NotFound();
        var path = Path.Combine(media.RoomHlsDirectory(roomId), file);
        if (!File.Exists(path)) return Results.NotFound();
        var playlist = file.EndsWith(".m3u8", StringComparison.Ordinal);
        // The live playlist changes every segment; a segment never changes once listed.
        http.Response.Headers.CacheControl = playlist ? "no-cache" : "public, max-age=60, immutable";
        return Results.File(path, playlist ? "application/vnd.apple.mpegurl" : "video/mp2t", enableRangeProcessing: !playlist);
    }

    private static async Task Preview(string roomId, HttpContext http, RoomMediaRegistry media)
    {
        RoomIds.Validate(roomId);
        var pipeline = media.Find(roomId);
        if (pipeline is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("no live video for this room on this server");
            return;
        }
        http.Response.ContentType = "multipart/x-mixed-replace; boundary=frame";
        http.Response.Headers.CacheControl = "no-store";
        var ct = http.RequestAborted;
        long sequence = 0;
        try
        {
            // A slow viewer skips to the newest frame; nothing queues per viewer.
            while (await pipeline.WaitForFrameAsync(sequence, ct) is { } frame)
            {
                var header = Encoding.ASCII.GetBytes($"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Jpeg.Length}\r\n\r\n");
                await http.Response.Body.WriteAsync(header, ct);
                await http.Response.Body.WriteAsync(frame.Jpeg, ct);
                await http.Response.Body.WriteAsync("\r\n"u8.ToArray(), ct);
                await http.Response.Body.FlushAsync(ct);
                sequence = frame.Sequence;
            }
        }
        catch (OperationCanceledException) { }
    }

    private static IResult Thumbnail(string roomId, HttpContext http, RoomMediaRegistry media)
    {
        RoomIds.Validate(roomId);
        if (media.Find(roomId)?.LatestFrame is not { } frame) return Results.NotFound();
        http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=5";
        return Results.Bytes(frame.Jpeg.ToArray(), "image/jpeg");
    }

    [GeneratedRegex(@"^(index\.m3u8|seg_\d{1,20}\.ts)$")]
    private static partial Regex HlsFile();
}
