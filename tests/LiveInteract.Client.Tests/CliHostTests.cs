using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LiveInteract.Client.Auth;
using OpenCvSharp;

namespace LiveInteract.Client.Tests;

/// <summary>
/// <c>liveinteract host</c> as a real process streaming opencv-doc's vtest.avi (768x576, 10 fps) to the real server's
/// ingest, a <c>liveinteract watch</c> in another process following the room, and the video coming back filtered
/// over the preview and HLS endpoints.
/// </summary>
public sealed class CliHostTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private const string SampleData = "/usr/share/doc/opencv-doc/examples/data";
    private const int Timeout = 60_000;
    private LiveServer Server => fixture.Server;
    private string Url => Server.BaseAddress.ToString();

    [Fact]
    public async Task Host_streams_a_real_video_with_a_filter_while_watch_in_another_process_sees_the_room_live()
    {
        var video = Path.Combine(SampleData, "vtest.avi");
        Assert.True(File.Exists(video), "opencv-doc's vtest.avi is missing: run scripts/setup.sh");
        await using var host = CliProcess.Start("host", "Street cam", "--video", video, "--filters", "look:name=mono", "--duration", "45",
            "--json", "--name", "Hoster", "--server", Url);
        var live = JsonDocument.Parse(await host.WaitForLine(l => l.Contains("\"kind\":\"live\""), "the live line", Timeout)).RootElement;
        var room = live.GetProperty("roomId").GetString()!;

        await using var watch = CliProcess.Start("watch", room, "--json", "--name", "Watcher", "--server", Url);
        var joined = JsonDocument.Parse(await watch.WaitForLine(l => l.Contains("\"kind\":\"joined\""), "the joined line", Timeout)).RootElement;
        Assert.Equal(("Street cam", "live"), (joined.GetProperty("title").GetString(), joined.GetProperty("status").GetString()));

        // Someone chats and taps like meanwhile; watch prints both.
        await using (var fan = new LiveClient(Server.BaseAddress))
        {
            await fan.SignInAsGuestAsync("Fan", UserRole.Viewer);
            await fan.ConnectAsync();
            await fan.JoinRoomAsync(room);
            await fan.SendCommentAsync(room, "nice street");
            await fan.SendLikeAsync(room, 5);
            await watch.WaitForLine(l => l.Contains("\"type\":\"comment\"") && l.Contains("nice street") && l.Contains("\"displayName\":\"Fan\""), "the comment", Timeout);
            await watch.WaitForLine(l => l.Contains("\"kind\":\"counters\"") && Json(l).GetProperty("counters").GetProperty("likes").GetInt64() >= 5, "the likes", Timeout);
        }
        // The filter chain the host set reached the watcher as an event (replayed to it on joining).
        await watch.WaitForLine(l => l.Contains("\"type\":\"filters\"") && l.Contains("\"mono\""), "the filters event", Timeout);
        using var http = Server.Http();

        // Preview: the latest filtered frame has the video's size and no colour left (mono look).
        var thumbnail = await Poll(async () =>
        {
            var response = await http.GetAsync($"rooms/{room}/thumbnail.jpg");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync() : null;
        }, "a thumbnail");
        using (var frame = Cv2.ImDecode(thumbnail, ImreadModes.Color))
        {
            Assert.Equal((768, 576), (frame.Width, frame.Height));
            Assert.InRange(BlueRedDifference(frame), 0, 3);
        }
        using (var original = Cv2.ImDecode(await FirstFrameOf(video, ".jpg"), ImreadModes.Color))
            Assert.True(BlueRedDifference(original) > 10, "the unfiltered video has colour, so the check above can fail");

        using (var preview = await http.GetAsync($"rooms/{room}/preview.mjpeg", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal("multipart/x-mixed-replace", preview.Content.Headers.ContentType!.MediaType);
            using var part = Cv2.ImDecode(await ReadFirstJpeg(await preview.Content.ReadAsStreamAsync()), ImreadModes.Color);
            Assert.Equal((768, 576), (part.Width, part.Height));
        }

        // HLS: a playlist that lists a segment, and the segment decodes to H.264 frames with the filter applied.
        var playlist = await Poll(async () =>
        {
            var response = await http.GetAsync($"rooms/{room}/hls/index.m3u8");
            var text = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "";
            return text.Contains(".ts", StringComparison.Ordinal) ? text : null;
        }, "an HLS playlist with a segment", 40_000);
        Assert.StartsWith("#EXTM3U", playlist, StringComparison.Ordinal);
        var segmentName = playlist.Split('\n').Select(l => l.Trim()).First(l => l.EndsWith(".ts", StringComparison.Ordinal));
        var segment = await http.GetAsync($"rooms/{room}/hls/{segmentName}");
        Assert.Equal("video/mp2t", segment.Content.Headers.ContentType!.MediaType);
        var segmentFile = Path.Combine(Path.GetTempPath(), $"li-cli-{Guid.NewGuid():N}.ts");
        await File.WriteAllBytesAsync(segmentFile, await segment.Content.ReadAsByteArrayAsync());
        try
        {
            Assert.StartsWith("h264", await Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", segmentFile), StringComparison.Ordinal);
            using var decoded = Cv2.ImDecode(await FirstFrameOf(segmentFile, ".png"), ImreadModes.Color);
            Assert.True(decoded.Width > 0 && decoded.Height > 0);
            Assert.InRange(BlueRedDifference(decoded), 0, 3);
        }
        finally { File.Delete(segmentFile); }

        // --duration: host stops, ends the room and exits 0; watch sees the end and exits 0 too.
        Assert.True(await host.WaitForExitAsync(Timeout) == 0, host.Errors);
        var done = Json(host.Lines[^1]);
        Assert.Equal(("done", "duration reached"), (done.GetProperty("kind").GetString(), done.GetProperty("message").GetString()));
        Assert.InRange(done.GetProperty("frames").GetInt64(), 300, 460); // 45 s at 10 fps, paced like a camera
        Assert.Equal(0, await watch.WaitForExitAsync(Timeout));
        Assert.Equal("ended", Json(watch.Lines[^1]).GetProperty("kind").GetString());
        Assert.Empty(host.Errors);
    }

    [Fact]
    public async Task Host_exits_cleanly_at_the_end_of_the_video_and_ends_the_room()
    {
        var video = Path.Combine(SampleData, "Megamind.avi"); // 11 s
        var creator = await Server.SignIn("Megan", "creator");
        var clock = Stopwatch.StartNew();
        var (code, lines, errors) = await CliProcess.RunAsync(Timeout, "host", "Short", "--video", video, "--json", "--token", creator.Token, "--server", Url);

        Assert.True(code == 0, $"exit {code}: {errors}");
        Assert.Empty(errors);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(50));
        var room = Json(lines[0]).GetProperty("roomId").GetString()!;
        var done = Json(lines[^1]);
        Assert.Equal(("done", "video ended"), (done.GetProperty("kind").GetString(), done.GetProperty("message").GetString()));
        // The whole file was sent (ffmpeg's constant-rate output may repeat one frame of this 23.976 fps video).
        var frames = await CountFrames(video);
        Assert.InRange(done.GetProperty("frames").GetInt64(), frames, frames + 1);
        await using var client = new LiveClient(Server.BaseAddress);
        client.UseToken(creator.Token);
        Assert.Equal(Contracts.Rooms.RoomStatus.Ended, (await client.GetRoomAsync(room)).Status);
    }

    [Fact]
    public async Task Host_reopens_its_ingest_after_a_server_restart_and_the_new_server_serves_the_video()
    {
        var video = Path.Combine(SampleData, "vtest.avi");
        await using var servers = new RestartableServer();
        servers.Start();
        await using var host = CliProcess.Start("host", "Restart cam", "--video", video, "--duration", "30", "--json", "--name", "Hoster",
            "--server", servers.BaseAddress.ToString());
        var room = Json(await host.WaitForLine(l => l.Contains("\"kind\":\"live\""), "the live line", Timeout)).GetProperty("roomId").GetString()!;
        await Thumbnail(servers.Server, room);

        await servers.StopAsync(); // Local profile: the room and its live status are in the data folder
        await host.WaitForLine(l => l.Contains("\"kind\":\"reconnecting\""), "the reconnecting line", Timeout);
        servers.Start();
        await host.WaitForLine(l => l.Contains("\"kind\":\"resumed\""), "the resumed line", Timeout);

        // This server process never saw the first ingest: its thumbnail comes from the reopened one.
        using (var frame = Cv2.ImDecode(await Thumbnail(servers.Server, room), ImreadModes.Color))
            Assert.Equal((768, 576), (frame.Width, frame.Height));
        Assert.Equal(0, await host.WaitForExitAsync(Timeout));
        var done = Json(host.Lines[^1]);
        Assert.Equal(("done", "duration reached"), (done.GetProperty("kind").GetString(), done.GetProperty("message").GetString()));
        await using var client = new LiveClient(servers.BaseAddress);
        await client.SignInAsGuestAsync("Checker", UserRole.Viewer);
        Assert.Equal(Contracts.Rooms.RoomStatus.Ended, (await client.GetRoomAsync(room)).Status);
    }

    private static async Task<byte[]> Thumbnail(LiveServer server, string room)
    {
        using var http = server.Http();
        return await Poll(async () =>
        {
            var response = await http.GetAsync($"rooms/{room}/thumbnail.jpg");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync() : null;
        }, "a thumbnail");
    }

    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement;

    // Mean absolute difference between the blue and red channels: ~0 for a grey picture.
    private static double BlueRedDifference(Mat image)
    {
        var channels = Cv2.Split(image);
        try
        {
            using var diff = new Mat();
            Cv2.Absdiff(channels[0], channels[2], diff);
            return Cv2.Mean(diff).Val0;
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
    }

    private static async Task<byte[]> FirstFrameOf(string video, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"li-frame-{Guid.NewGuid():N}{extension}");
        try
        {
            await Run("ffmpeg", "-v", "error", "-y", "-i", video, "-frames:v", "1", file);
            return await File.ReadAllBytesAsync(file);
        }
        finally { File.Delete(file); }
    }

    private static async Task<long> CountFrames(string video) =>
        long.Parse(await Run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video),
            System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {await errors}");
        return (await output).Trim();
    }

    private static async Task<T> Poll<T>(Func<Task<T?>> attempt, string what, int timeoutMs = 30_000) where T : class =>
        (await Eventually.Value<T?>(attempt, value => value is not null, what, TimeSpan.FromMilliseconds(timeoutMs)))!;

    private static async Task<byte[]> ReadFirstJpeg(Stream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var n = await stream.ReadAsync(chunk, timeout.Token);
            if (n == 0) throw new EndOfStreamException("the preview ended before a whole JPEG");
            buffer.Write(chunk, 0, n);
            var bytes = buffer.ToArray();
            var start = bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xD8]);
            var end = start < 0 ? -1 : bytes.AsSpan(start + 2).IndexOf([(byte)0xFF, (byte)0xD9]);
            if (end >= 0) return bytes[start..(start + 2 + end + 2)];
        }
    }
}
