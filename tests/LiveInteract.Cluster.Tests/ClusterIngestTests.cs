using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using LiveInteract.Contracts.Rooms;
using Xunit.Abstractions;

namespace LiveInteract.Cluster.Tests;

/// <summary>
/// The creator's ingest lives on whichever silo the creator's camera connected to, and the room's video (preview,
/// thumbnail, HLS) is served by that silo (docs/OPERATIONS.md). When it dies, the creator reconnects to another one.
/// </summary>
public sealed class ClusterIngestTests(ITestOutputHelper output)
{
    // A real photograph from Debian's opencv-doc, sent as the camera's JPEG frames.
    private static readonly byte[] Frame = File.ReadAllBytes("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");

    /// <summary>The creator's camera: sends frames to one silo's ingest until the socket breaks.</summary>
    private static Task<ClientWebSocket> OpenIngest(SiloProcess silo, ClusterUser creator, string roomId) =>
        TestCamera.Connect(silo.BaseAddress, roomId, creator.Token);

    private static async Task<int> SendUntilBroken(ClientWebSocket socket, CancellationToken stop)
    {
        var sent = 0;
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Frame, WebSocketMessageType.Binary, endOfMessage: true, stop);
                sent++;
                await Task.Delay(100, stop); // paces the camera at 10 fps: not a wait for a result
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException) { }
        return sent;
    }

    private static async Task<HttpResponseMessage> Thumbnail(SiloProcess silo, string roomId)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        return await http.GetAsync($"rooms/{roomId}/thumbnail.jpg");
    }

    private static Task<byte[]> WaitForThumbnail(SiloProcess silo, string roomId, TimeSpan timeout) =>
        Eventually.Succeeds(async () =>
        {
            using var response = await Thumbnail(silo, roomId);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }, $"a thumbnail from {silo.BaseAddress}", timeout);

    [Fact]
    public async Task A_creators_ingest_moves_to_another_silo_when_its_silo_dies_and_frames_flow_again()
    {
        await using var redis = new RedisServer();
        await redis.Start();
        var silos = await ClusterOps.StartSilos(redis, $"ingest-{Guid.NewGuid():N}", 2);
        try
        {
            var (first, second) = (silos[0], silos[1]);
            var creator = await ClusterViewer.SignIn(first.BaseAddress, "Camera", "creator");
            var roomId = await ClusterViewer.CreateLiveRoom(first.BaseAddress, creator);

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(100));
            using (var socket = await OpenIngest(first, creator, roomId))
            {
                var sending = SendUntilBroken(socket, stop.Token);
                var jpeg = await WaitForThumbnail(first, roomId, TimeSpan.FromSeconds(30));
                Assert.Equal([0xFF, 0xD8], jpeg[..2]);
                Assert.True((await ClusterOps.PlacementOf(first, roomId)).VideoHere);
                // The other silo does not run this room's video: it says so, and a proxy routes video by room (deploy/nginx.conf).
                using (var elsewhere = await Thumbnail(second, roomId)) Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
                Assert.False((await ClusterOps.PlacementOf(second, roomId)).VideoHere);

                await first.Kill();
                var sinceKill = Stopwatch.StartNew();
                var sentBefore = await sending.WaitAsync(TimeSpan.FromSeconds(30));
                output.WriteLine($"{sentBefore} frames sent to the first silo; its socket broke {sinceKill.ElapsedMilliseconds} ms after SIGKILL");
            }

            // The creator's camera reconnects at once to the surviving silo (retrying while the room recovers).
            var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var reconnect = Stopwatch.StartNew();
            var moved = await Eventually.Succeeds(() => OpenIngest(second, creator, roomId), "the surviving silo to take the ingest", TimeSpan.FromSeconds(60));
            var reconnectedAfter = reconnect.Elapsed;
            using (moved)
            {
                var sending = SendUntilBroken(moved, stop.Token);
                var jpeg = await WaitForThumbnail(second, roomId, TimeSpan.FromSeconds(30));
                var firstFrameAfter = reconnect.Elapsed;
                Assert.Equal([0xFF, 0xD8], jpeg[..2]);
                Assert.True((await ClusterOps.PlacementOf(second, roomId)).VideoHere);

                // The MJPEG preview streams from the new silo too.
                using (var http = new HttpClient { BaseAddress = second.BaseAddress })
                using (var preview = await http.GetAsync($"rooms/{roomId}/preview.mjpeg", HttpCompletionOption.ResponseHeadersRead))
                {
                    Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                    Assert.Equal("multipart/x-mixed-replace", preview.Content.Headers.ContentType!.MediaType);
                    var buffer = new byte[4096];
                    var read = await (await preview.Content.ReadAsStreamAsync()).ReadAtLeastAsync(buffer, 64);
                    Assert.Contains("Content-Type: image/jpeg", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
                }

                // The room reports the new silo's pipeline: ingesting, frames processed, reported after the kill.
                using var statusHttp = ClusterOps.Http(second, creator);
                var media = await Eventually.Value(
                    async () => (await statusHttp.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{roomId}"))!.Media,
                    m => m is { Ingesting: true, FramesProcessed: > 0 } && m.UpdatedAt > killedAt, "the new silo's pipeline in the room's media status", TimeSpan.FromSeconds(20));
                Assert.NotNull(media);
                Assert.True(media.Ingesting && media.FramesProcessed > 0 && media.UpdatedAt > killedAt,
                    $"room media after the move: {media}");
                await stop.CancelAsync();
                await sending;
                output.WriteLine($"ingest accepted by the surviving silo {reconnectedAfter.TotalMilliseconds:F0} ms after the camera's reconnect began; " +
                    $"first filtered frame served there after {firstFrameAfter.TotalMilliseconds:F0} ms; {media.FramesProcessed} frames processed there");
            }
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }
}
