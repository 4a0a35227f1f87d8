using LiveInteract.Contracts.Hub;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Cluster.Tests.Operator;

/// <summary>
/// The README's first command, run as a newcomer runs it: <c>bash scripts/run.sh</c> from the checkout's root, with the
/// default data folder, on a free port passed the documented way (<c>LIVEINTERACT_URLS</c>; the Orleans ports through
/// the documented environment variables so a second server on this machine does not collide), then checked as a user
/// would check it and stopped with Ctrl-C.
/// </summary>
public sealed partial class ReadmeSmokeTests
{
    [Fact]
    public async Task Run_script_serves_the_lobby_a_live_demo_room_its_video_and_the_operator_endpoints()
    {
        var port = Ports.Free();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var dataFolder = Path.Combine(RepoRoot.Path, "src", "LiveInteract.Server", "data");
        var dataFolderExisted = Directory.Exists(dataFolder);
        var environment = new Dictionary<string, string>
        {
            ["LIVEINTERACT_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["LiveInteract__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["LiveInteract__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        };
        var server = ScriptProcess.Start(RepoRoot.Path, "scripts/run.sh", environment);
        try
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            // setup.sh, the web build and `dotnet run`'s build come first: generous, but bounded.
            await Until(async () => (await TryGet(http, "healthz"))?.StatusCode == HttpStatusCode.OK, TimeSpan.FromMinutes(4), server);

            // The lobby page.
            var lobby = await http.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, lobby.StatusCode);
            Assert.Equal("text/html", lobby.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<script", await lobby.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // The demo room through the hub: a guest joins and sees the simulated chatter arrive.
            var token = await (await http.PostAsJsonAsync("api/auth/token", new { name = "Newcomer", role = "viewer" })).Content.ReadFromJsonAsync<JsonElement>();
            var received = new TaskCompletionSource<RoomEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(baseAddress, "hubs/live"), o =>
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token.GetProperty("token").GetString());
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build())
            {
                hub.On<EventBatch>(HubMethods.Events, batch =>
                {
                    foreach (var e in batch.Events) if (e is CommentEvent) received.TrySetResult(e);
                });
                await hub.StartAsync();
                var snapshot = await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, "demo", null);
                Assert.Equal("demo", snapshot.RoomId);
                Assert.Equal(RoomStatus.Live, snapshot.Status);
                var pushed = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(pushed.Seq > 0);
            }

            // HLS: the playlist, and a segment that ffprobe decodes as H.264 video.
            string playlist = "";
            await Until(async () =>
            {
                var r = await TryGet(http, "rooms/demo/hls/index.m3u8");
                if (r?.StatusCode != HttpStatusCode.OK) return false;
                playlist = await r.Content.ReadAsStringAsync();
                return SegmentLine().IsMatch(playlist);
            }, TimeSpan.FromSeconds(60), server);
            Assert.StartsWith("#EXTM3U", playlist, StringComparison.Ordinal);
            var segment = SegmentLine().Match(playlist).Value.Trim();
            var segmentBytes = await http.GetByteArrayAsync(new Uri($"rooms/demo/hls/{segment}", UriKind.Relative));
            var segmentFile = Path.Combine(Path.GetTempPath(), $"smoke-{Guid.NewGuid():N}.ts");
            await File.WriteAllBytesAsync(segmentFile, segmentBytes);
            try
            {
                var probe = await Run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "json", segmentFile);
                var stream = JsonDocument.Parse(probe).RootElement.GetProperty("streams")[0];
                Assert.Equal("h264", stream.GetProperty("codec_name").GetString());
                Assert.True(stream.GetProperty("width").GetInt32() > 0);
                Assert.True(int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture) > 0);
            }
            finally { File.Delete(segmentFile); }

            // The MJPEG preview: one whole JPEG frame off the multipart stream.
            using (var preview = await http.GetAsync(new Uri("rooms/demo/preview.mjpeg", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                Assert.Equal("multipart/x-mixed-replace", preview.Content.Headers.ContentType?.MediaType);
                var frame = await FirstJpeg(await preview.Content.ReadAsStreamAsync());
                Assert.True(frame.Length > 1000, $"frame of {frame.Length} bytes");
            }

            // The lobby's thumbnail.
            var thumbnail = await http.GetAsync(new Uri("rooms/demo/thumbnail.jpg", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            var thumb = await thumbnail.Content.ReadAsByteArrayAsync();
            Assert.True(thumb is [0xFF, 0xD8, ..] && thumb[^2] == 0xFF && thumb[^1] == 0xD9, "thumbnail is not a whole JPEG");

            // Health, metrics, OpenAPI.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
            var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            Assert.Contains("liveinteract_events_forwarded_total", metrics, StringComparison.Ordinal);
            var openApi = JsonDocument.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative))).RootElement;
            Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/rooms", out _));
        }
        finally
        {
            await server.Interrupt(TimeSpan.FromSeconds(30));
            var leftover = await server.LeftoverAfter(TimeSpan.FromSeconds(15));
            await server.DisposeAsync();
            // Clean up what this run made; a data folder that was there before is the user's and stays.
            if (!dataFolderExisted && Directory.Exists(dataFolder)) Directory.Delete(dataFolder, recursive: true);
            Assert.True(leftover.Length == 0, "a process of run.sh was still running 15 s after Ctrl-C:\n" + leftover);
        }
        Assert.False(Directory.Exists(Path.Combine(RepoRoot.Path, "data")), "run.sh wrote a data folder in the repository root, not the documented one");
    }

    private static async Task<HttpResponseMessage?> TryGet(HttpClient http, string path)
    {
        try { return await http.GetAsync(new Uri(path, UriKind.Relative)); }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    /// <summary>Waits for <paramref name="condition"/>; fails at once, with the script's output, if run.sh exited.</summary>
    private static Task Until(Func<Task<bool>> condition, TimeSpan timeout, ScriptProcess server) =>
        Eventually.Until(async () =>
        {
            if (server.Exited) throw new InvalidOperationException("run.sh exited:\n" + server.Log);
            return await condition();
        }, "run.sh to serve it", timeout, () => server.Log);

    /// <summary>Reads the multipart stream until one JPEG (SOI ... EOI) is complete.</summary>
    private static async Task<byte[]> FirstJpeg(Stream stream)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        while (true)
        {
            var n = await stream.ReadAsync(chunk, cts.Token);
            if (n == 0) throw new EndOfStreamException("preview ended before a frame");
            buffer.Write(chunk, 0, n);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var start = bytes.IndexOf([(byte)0xFF, (byte)0xD8]);
            if (start < 0) continue;
            var end = bytes[start..].IndexOf([(byte)0xFF, (byte)0xD9]);
            if (end > 0) return bytes.Slice(start, end + 2).ToArray();
        }
    }

    private static async Task<string> Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
        return await output;
    }

    [GeneratedRegex(@"^seg_\d+\.ts\s*$", RegexOptions.Multiline)]
    private static partial Regex SegmentLine();
}
