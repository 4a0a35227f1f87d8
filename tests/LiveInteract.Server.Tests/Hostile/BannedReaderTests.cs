using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Sources;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Hostile;

/// <summary>
/// A banned user is refused on every read path of the room that knows who is asking: the snapshot, the Q&amp;A list,
/// the hub's join and replay, clip making, and the video routes when their request carries the user's token. The video
/// stays public to anonymous requests by design (docs/MODERATION.md, "What a ban covers"); honest viewers read it all.
/// </summary>
public sealed class BannedReaderTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_banned_user_is_refused_on_every_read_path_of_the_room_while_an_honest_viewer_reads_them_all()
    {
        var creator = await Server.SignIn("Streamer", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var banned = await Server.SignIn("Troll");
        var honest = await Server.SignIn("Fan");
        using var creatorHttp = Server.Http(creator.Token);
        using var source = new VideoFileSource(VideoFileSource.FindSampleVideo()!, new VideoFileSourceOptions(Width: 640, Height: 360));
        var frames = Enumerable.Range(0, 40).Select(_ => source.ReadJpeg()!).ToList();
        await using var camera = await TestCamera.Start(Server.BaseAddress, room.RoomId, creator.Token, frames);
        await Eventually.Until(() => creatorHttp.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{room.RoomId}").Result!.Media is { FramesProcessed: >= 40 },
            "40 processed frames", TimeSpan.FromSeconds(60));
        var clip = await creatorHttp.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 3 });
        Assert.Equal(HttpStatusCode.Created, clip.StatusCode);
        var clipUrl = (await clip.Content.ReadFromJsonAsync<ClipInfo>())!.Url.TrimStart('/');
        await using (var owner = await Server.Connect(creator))
            await owner.InvokeAsync(HubMethods.BanUser, room.RoomId, banned.UserId);

        string[] reads =
        [
            $"api/rooms/{room.RoomId}?lastSeq=0", $"api/rooms/{room.RoomId}/questions",
            $"rooms/{room.RoomId}/thumbnail.jpg", $"rooms/{room.RoomId}/preview.mjpeg", clipUrl,
            $"rooms/{room.RoomId}/hls/index.m3u8", $"rooms/{room.RoomId}/hls/seg_0.ts",
        ];
        using var bannedHttp = Server.Http(banned.Token);
        using var honestHttp = Server.Http(honest.Token);
        using var anonymous = Server.Http();
        foreach (var path in reads)
        {
            using var refused = await bannedHttp.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path}: {refused.StatusCode}");
            Assert.Equal("you are banned from this room", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        // The honest viewer reads everything that exists (HLS needs ffmpeg, which a test machine may lack: not a refusal either way).
        foreach (var path in reads)
        {
            using var read = await honestHttp.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            if (path.Contains("/hls/", StringComparison.Ordinal)) Assert.NotEqual(HttpStatusCode.Forbidden, read.StatusCode);
            else Assert.True(read.StatusCode == HttpStatusCode.OK, $"{path}: {read.StatusCode}");
        }
        // Video without a token is public by design.
        using (var thumbnail = await anonymous.GetAsync($"rooms/{room.RoomId}/thumbnail.jpg")) Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        using (var gif = await anonymous.GetAsync(clipUrl)) Assert.Equal(HttpStatusCode.OK, gif.StatusCode);

        // Making a clip, and the hub: joining, and replaying from the start, are refused too.
        Assert.Equal(HttpStatusCode.Forbidden, (await bannedHttp.PostAsJsonAsync($"api/rooms/{room.RoomId}/clips", new { seconds = 3 })).StatusCode);
        await using var bannedHub = await Server.Connect(banned);
        var leaked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bannedHub.On<EventBatch>(HubMethods.Events, batch => { foreach (var e in batch.Events) leaked.Enqueue(e.GetType().Name); });
        Assert.EndsWith("you are banned from this room", await bannedHub.Refused(HubMethods.JoinRoom, room.RoomId, null));
        Assert.EndsWith("you are banned from this room", await bannedHub.Refused(HubMethods.JoinRoom, room.RoomId, 0L));
        var (honestHub, _) = await Server.Joined(honest, room.RoomId);
        await using var _h = honestHub;
        var replay = await honestHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, 0L);
        Assert.NotEmpty(replay.Events);
        // The relay takes a viewer in before the room's ban check: the refused connection was taken out again, so the
        // room's next event reaches the honest viewer and not the banned one.
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        honestHub.On<EventBatch>(HubMethods.Events, batch => { if (batch.Events.OfType<CommentEvent>().Any(c => c.Text == "after the refusals")) seen.TrySetResult(); });
        await using (var owner = await Server.Connect(creator))
            await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "after the refusals");
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(leaked);
    }
}
