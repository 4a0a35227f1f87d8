using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Sources;

namespace LiveInteract.Server.Tests;

/// <summary>Clips of a real stream (opencv-doc's Megamind.avi sent over the real ingest WebSocket) as animated GIFs.</summary>
public sealed class ClipTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_clip_of_the_last_seconds_is_an_animated_gif_of_those_seconds_listed_and_shared()
    {
        var creator = await Server.SignIn("Clipper", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var viewer = await Server.SignIn("Fan");
        using var authed = Server.Http(creator.Token);

        using var source = new VideoFileSource(VideoFileSource.FindSampleVideo()!, new VideoFileSourceOptions(Width: 640, Height: 360));
        var frames = Enumerable.Range(0, 60).Select(_ => source.ReadJpeg()!).ToList();
        await using var camera = await TestCamera.Start(Server.BaseAddress, room.RoomId, creator.Token, frames);

        // 110 processed frames sent at least 40 ms apart span over 4 s: the ring holds more than 3 s at 10 fps.
        MediaStatus? media = null;
        await Eventually.Until(
            () => (media = authed.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{room.RoomId}").Result!.Media) is { FramesProcessed: >= 110 }, "110 processed frames", TimeSpan.FromSeconds(60));
        Assert.Null(media!.LastError);

        using var asViewer = Server.Http(viewer.Token);
        var response = await asViewer.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 3 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var clip = (await response.Content.ReadFromJsonAsync<ClipInfo>())!;
        // Up to 10 frames a second: 30, or fewer when a busy machine's pipeline ran slower than that.
        Assert.InRange(clip.Frames, 10, 30);
        Assert.Equal(3, clip.Seconds);
        Assert.Equal($"/rooms/{room.RoomId}/clips/{clip.ClipId}.gif", clip.Url);

        // The share link needs no token, and the GIF decodes to the clip's frames, shown for about the 3 seconds they cover.
        using var anonymous = Server.Http();
        var gif = await anonymous.GetAsync(clip.Url.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, gif.StatusCode);
        Assert.Equal("image/gif", gif.Content.Headers.ContentType!.MediaType);
        using (var image = SixLabors.ImageSharp.Image.Load(await gif.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(clip.Frames, image.Frames.Count);
            Assert.Equal(320, image.Width);
            Assert.Equal(180, image.Height);
            var delays = Enumerable.Range(0, image.Frames.Count)
                .Select(i => image.Frames[i].Metadata.GetFormatMetadata(SixLabors.ImageSharp.Formats.Gif.GifFormat.Instance).FrameDelay).ToList();
            Assert.InRange(delays.Sum(), 250, 360); // hundredths of a second
        }

        // Listed in the room's snapshot.
        var listed = (await authed.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{room.RoomId}"))!.Media!.Clips!;
        Assert.Equal(clip.ClipId, listed[0].ClipId);

        // A viewer's second clip within the minute is refused; the creator may clip.
        var again = await asViewer.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 3 });
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Contains("clip(s) a minute", await Title(again), StringComparison.Ordinal);
        var byCreator = await authed.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 5 });
        Assert.Equal(HttpStatusCode.Created, byCreator.StatusCode);
        Assert.InRange((await byCreator.Content.ReadFromJsonAsync<ClipInfo>())!.Frames, clip.Frames + 1, 50);

        // WebP is not offered (ImageSharp 2.1.13 writes only one frame), and says so.
        var webp = await anonymous.GetAsync($"rooms/{room.RoomId}/clips/{clip.ClipId}.webp");
        Assert.Equal(HttpStatusCode.NotFound, webp.StatusCode);
        Assert.Contains("GIF only", await Title(webp), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"rooms/{room.RoomId}/clips/0123456789abcdef.gif")).StatusCode);
    }

    [Fact]
    public async Task Bad_seconds_and_a_room_without_video_are_refused_with_clear_errors()
    {
        var creator = await Server.SignIn("Quiet", "creator");
        var room = await Server.CreateLiveRoom(creator);
        using var http = Server.Http(creator.Token);

        foreach (var body in new object[] { new { seconds = 2 }, new { seconds = 16 }, new { seconds = (int?)null } })
        {
            var bad = await http.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("seconds must be a whole number from 3 to 15", await Title(bad));
        }

        var noVideo = await http.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 5 });
        Assert.Equal(HttpStatusCode.Conflict, noVideo.StatusCode);
        Assert.Contains("no video", await Title(noVideo), StringComparison.Ordinal);

        using var anonymous = Server.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 5 })).StatusCode);
    }

    private static async Task<string> Title(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("title").GetString()!;
    }
}
