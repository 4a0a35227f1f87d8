using LiveInteract.Contracts.Hub;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Sources;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

/// <summary>The creator's camera as a real WebSocket client sending real video frames (opencv-doc's Megamind.avi).</summary>
public sealed class MediaIngestTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    private static List<byte[]> RealFrames(int count)
    {
        using var source = new VideoFileSource(VideoFileSource.FindSampleVideo() ?? throw new InvalidOperationException("install opencv-doc"),
            new VideoFileSourceOptions(Width: 640, Height: 360));
        return [.. Enumerable.Range(0, count).Select(_ => source.ReadJpeg()!)];
    }

    private Task<ClientWebSocket> OpenIngest(string roomId, TestUser user) => TestCamera.Connect(Server.BaseAddress, roomId, user.Token);

    private static Task Send(ClientWebSocket socket, byte[] frame) =>
        socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

    private static async Task<WebSocketCloseStatus?> ClosedWith(ClientWebSocket socket)
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return result.CloseStatus;
        }
    }

    [Fact]
    public async Task Ingested_frames_come_back_filtered_over_mjpeg_and_hls_and_filters_are_announced()
    {
        var creator = await Server.SignIn("Cam", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var creatorHub = await Server.Connect(creator);
        var seen = new HubRecorder(creatorHub);
        await creatorHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        FilterSpec[] filters = [new("sticker", new Dictionary<string, string> { ["asset"] = "glasses" }), new("look", new Dictionary<string, string> { ["name"] = "mono" })];
        await creatorHub.InvokeAsync(HubMethods.SetFilters, room.RoomId, filters);
        await Eventually.Until(() => seen.Events.OfType<FiltersChangedEvent>().Any(), "the filters event");

        var frames = RealFrames(40);
        await using var camera = await TestCamera.Start(Server.BaseAddress, room.RoomId, creator.Token, frames);

        // MJPEG: a multipart stream of JPEGs that decode, in grey (the mono look applied).
        using var http = Server.Http();
        using var preview = await http.GetAsync($"rooms/{room.RoomId}/preview.mjpeg", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("multipart/x-mixed-replace", preview.Content.Headers.ContentType!.MediaType);
        var part = await ReadFirstJpeg(await preview.Content.ReadAsStreamAsync());
        using (var image = OpenCvSharp.Cv2.ImDecode(part, OpenCvSharp.ImreadModes.Color))
        {
            Assert.Equal(640, image.Width);
            var mean = OpenCvSharp.Cv2.Mean(image);
            Assert.InRange(Math.Abs(mean.Val0 - mean.Val2), 0, 2.5); // mono: blue and red means agree
        }

        // HLS: a playlist, then a segment that ffprobe reads as H.264.
        string playlist = "";
        await Eventually.Until(() =>
        {
            var response = http.GetAsync($"rooms/{room.RoomId}/hls/index.m3u8").Result;
            if (response.StatusCode != HttpStatusCode.OK) return false;
            playlist = response.Content.ReadAsStringAsync().Result;
            return playlist.Contains(".ts", StringComparison.Ordinal);
        }, "the HLS playlist", TimeSpan.FromSeconds(40));
        var playlistResponse = await http.GetAsync($"rooms/{room.RoomId}/hls/index.m3u8");
        Assert.Equal("application/vnd.apple.mpegurl", playlistResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-cache", playlistResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var segment = playlist.Split('\n').First(l => l.EndsWith(".ts", StringComparison.Ordinal)).Trim();
        var segmentResponse = await http.GetAsync($"rooms/{room.RoomId}/hls/{segment}");
        Assert.Equal("video/mp2t", segmentResponse.Content.Headers.ContentType!.MediaType);
        var file = Path.Combine(Path.GetTempPath(), $"li-seg-{Guid.NewGuid():N}.ts");
        await File.WriteAllBytesAsync(file, await segmentResponse.Content.ReadAsByteArrayAsync());
        try { Assert.StartsWith("h264,", await Ffprobe(file), StringComparison.Ordinal); }
        finally { File.Delete(file); }

        // The snapshot reports the stream's health.
        using var authed = Server.Http(creator.Token);
        await Eventually.Until(() => authed.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{room.RoomId}").Result!.Media is { Ingesting: true, FramesProcessed: > 0 }, "media status");
    }

    [Fact]
    public async Task Refused_before_the_upgrade_non_creator_not_live_ended_and_second_ingest()
    {
        var creator = await Server.SignIn("Owner", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var viewer = await Server.SignIn("Sneaky");

        var notCreator = await Assert.ThrowsAsync<WebSocketException>(() => OpenIngest(room.RoomId, viewer));
        Assert.Contains("403", notCreator.Message, StringComparison.Ordinal);

        using var first = await OpenIngest(room.RoomId, creator);
        var second = await Assert.ThrowsAsync<WebSocketException>(() => OpenIngest(room.RoomId, creator));
        Assert.Contains("409", second.Message, StringComparison.Ordinal);

        // Ending the room closes the running ingest, and a new one is refused.
        using var rest = Server.Http(creator.Token);
        (await rest.PostAsync($"api/rooms/{room.RoomId}/end", null)).EnsureSuccessStatusCode();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ClosedWith(first));
        var ended = await Assert.ThrowsAsync<WebSocketException>(() => OpenIngest(room.RoomId, creator));
        Assert.Contains("409", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_frames_are_counted_or_close_the_socket_with_a_reason_and_the_stream_keeps_working()
    {
        var creator = await Server.SignIn("Bad", "creator");
        var frame = RealFrames(1)[0];

        // Damaged frames (empty, truncated, corrupt) are counted and dropped; good frames keep flowing.
        var room = await Server.CreateLiveRoom(creator);
        using (var socket = await OpenIngest(room.RoomId, creator))
        {
            await Send(socket, []);
            await Send(socket, frame[..(frame.Length / 2)]);
            var corrupt = (byte[])frame.Clone();
            Array.Fill(corrupt, (byte)0x5A, 600, corrupt.Length - 800);
            await Send(socket, corrupt);
            using var http = Server.Http(creator.Token);
            // Good frames keep coming, as from a camera, until the room reports one processed.
            await Eventually.Until(async () =>
            {
                await Send(socket, frame);
                return (await http.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{room.RoomId}"))!.Media is { FramesProcessed: > 0 } m
                    && m.FramesRejected + m.FramesDropped >= 3;
            }, "bad frames counted and good ones processed");
            Assert.Equal(WebSocketState.Open, socket.State);
        }

        // A header that claims 60000x60000 is refused before decoding: policy violation.
        var huge = (byte[])frame.Clone();
        var sof = Enumerable.Range(0, huge.Length - 9).First(i => huge[i] == 0xFF && huge[i + 1] is 0xC0 or 0xC2);
        huge[sof + 5] = 0xEA; huge[sof + 6] = 0x60; huge[sof + 7] = 0xEA; huge[sof + 8] = 0x60;
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await SendOne(huge));
        // Over the byte cap: message too big.
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await SendOne(new byte[3 * 1024 * 1024]));
        // Not a JPEG at all.
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await SendOne("GIF89a not a jpeg at all"u8.ToArray()));
    }

    /// <summary>
    /// One frame on a fresh ingest, from a creator of its own: a creator may hold one ingest at a time
    /// (Media:MaxIngestsPerCreator), and the server frees the previous socket's slot only once it saw it close.
    /// </summary>
    private async Task<WebSocketCloseStatus?> SendOne(byte[] payload)
    {
        var creator = await Server.SignIn($"One{Guid.NewGuid():N}"[..12], "creator");
        var room = await Server.CreateLiveRoom(creator);
        using var socket = await OpenIngest(room.RoomId, creator);
        try { await Send(socket, payload); } catch (WebSocketException) { }
        return await ClosedWith(socket);
    }

    private static async Task<byte[]> ReadFirstJpeg(Stream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var n = await stream.ReadAsync(chunk, timeout.Token);
            if (n == 0) throw new EndOfStreamException();
            buffer.Write(chunk, 0, n);
            var bytes = buffer.ToArray();
            var start = IndexOf(bytes, [0xFF, 0xD8], 0);
            var end = start < 0 ? -1 : IndexOf(bytes, [0xFF, 0xD9], start + 2);
            if (end > 0) return bytes[start..(end + 2)];
        }
    }

    private static int IndexOf(byte[] data, byte[] pattern, int from)
    {
        for (var i = from; i <= data.Length - pattern.Length; i++)
            if (data[i] == pattern[0] && data[i + 1] == pattern[1]) return i;
        return -1;
    }

    private static async Task<string> Ffprobe(string file)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", file })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}
