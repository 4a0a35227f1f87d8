using LiveInteract.Contracts.Hub;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LiveInteract.Server.Tests;

/// <summary>
/// A viewer whose socket stops reading (a phone in a tunnel) must not hold the room: the others keep their delivery
/// latency, and the slow viewer, once it reads again, learns it was taken out of the live stream (<c>Lagged</c>) and
/// gets what it missed by seq. Real server, real sockets; the slow viewer is a hand-written client with a 4 KB
/// receive buffer that pipelines requests for large snapshots and reads nothing.
/// </summary>
public sealed class SlowViewerTests(ITestOutputHelper output)
{
    private const int CommentLength = 300; // Rooms:MaxCommentLength: large batches fill buffers sooner

    [Fact]
    public async Task A_viewer_that_stops_reading_does_not_delay_the_others_and_later_catches_up_by_seq()
    {
        var settings = LiveServer.Unthrottled();
        settings["Relays:ViewerBudgetBytes"] = "16384";
        // Long enough that the slow viewer is still connected when it reads again, however slow this machine is today.
        settings["Relays:SocketSendTimeout"] = "00:02:00";
        await using var server = new LiveServer(settings: settings);
        server.Start();
        var viewers = new List<(HubConnection Hub, ConcurrentDictionary<long, double> LatencyBySeq)>();
        try
        {
            var creator = await server.SignIn("Host", "creator");
            var roomId = (await server.CreateLiveRoom(creator)).RoomId;
            await using var talker = await server.Connect(await server.SignIn("Talker"));
            await talker.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
            // History, so that every JoinRoom(lastSeq: 0) answers with a snapshot of ~80 KB.
            for (var i = 0; i < 200; i++) await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, Pad($"fill {i} "));

            for (var i = 0; i < 3; i++)
            {
                var hub = await server.Connect(await server.SignIn($"Viewer{i}"));
                var latencies = new ConcurrentDictionary<long, double>();
                hub.On<EventBatch>(HubMethods.Events, batch =>
                {
                    var now = Stopwatch.GetTimestamp();
                    foreach (var c in batch.Events.OfType<CommentEvent>())
                        if (SentAt(c.Text) is { } sent) latencies.TryAdd(c.Seq, Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                });
                await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
                viewers.Add((hub, latencies));
            }

            await using var slow = await RawHubClient.ConnectAsync(server.BaseAddress, (await server.SignIn("Tunnel")).Token);
            await slow.InvokeAsync(HubMethods.JoinRoom, roomId, null);
            for (var i = 0; i < 40; i++) await slow.InvokeAsync(HubMethods.JoinRoom, roomId, 0L);

            // Comments flow at 20/s for 6 s while the slow viewer reads nothing.
            var sent = new List<long>();
            using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50)))
            {
                for (var i = 0; i < 120; i++)
                {
                    await pace.WaitForNextTickAsync();
                    var text = Pad($"t{Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)} ");
                    sent.Add((await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, text)).Seq);
                }
            }
            await Eventually.Until(() => viewers.All(v => sent.All(v.LatencyBySeq.ContainsKey)), "every other viewer to get every comment", TimeSpan.FromSeconds(30));

            var all = viewers.SelectMany(v => sent.Select(s => v.LatencyBySeq[s])).Order().ToList();
            var p50 = all[all.Count / 2];
            var p99 = all[(int)Math.Ceiling(all.Count * 0.99) - 1];
            output.WriteLine($"other viewers: p50 {p50:F0} ms, p99 {p99:F0} ms, max {all[^1]:F0} ms over {all.Count} deliveries");
            Assert.True(p99 < 1500, $"the other viewers' p99 was {p99:F0} ms (max {all[^1]:F0} ms): the slow viewer held the room");

            // The slow viewer reads again: what was queued for it, then Lagged(roomId, lastSeq).
            slow.StartReading();
            await Eventually.Until(() => slow.Invocations(HubMethods.Lagged).Count > 0, "the slow viewer to be told it lagged", TimeSpan.FromSeconds(30));
            var lagged = slow.Invocations(HubMethods.Lagged)[0];
            Assert.Equal(roomId, lagged[0].GetString());
            var lastSeq = lagged[1].GetInt64();

            // It rejoins after lastSeq, as the SDK and the web client do, and gets the gap by seq.
            var rejoin = await slow.InvokeAsync(HubMethods.JoinRoom, roomId, lastSeq);
            await Eventually.Until(() => slow.Completion(rejoin) is not null, "the rejoin's snapshot", TimeSpan.FromSeconds(30));
            var snapshot = slow.Completion(rejoin)!.Value;
            Assert.True(snapshot.GetProperty("replayComplete").GetBoolean());
            var replayed = Seqs(snapshot.GetProperty("events"));
            Assert.Equal(LongRange(lastSeq + 1, snapshot.GetProperty("lastSeq").GetInt64()), replayed);

            var pushed = slow.Invocations(HubMethods.Events).SelectMany(args => Seqs(args[0].GetProperty("events"))).ToList();
            Assert.True(pushed.Zip(pushed.Skip(1)).All(p => p.Second > p.First), "pushed events arrive once each, in seq order");
            var snapshots = slow.Received.Where(m => m.GetProperty("type").GetInt32() == 3 && m.TryGetProperty("result", out _))
                .SelectMany(m => Seqs(m.GetProperty("result").GetProperty("events")));
            var got = pushed.Concat(snapshots).ToHashSet();
            Assert.All(sent, seq => Assert.Contains(seq, got)); // nothing lost for the slow viewer
        }
        finally
        {
            foreach (var (hub, _) in viewers) await hub.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    private static string Pad(string prefix) => prefix.PadRight(CommentLength, 'x');

    private static long? SentAt(string text) =>
        text.StartsWith('t') && long.TryParse(text.AsSpan(1, text.IndexOf(' ') - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    private static List<long> Seqs(JsonElement events) => [.. events.EnumerateArray().Select(e => e.GetProperty("seq").GetInt64())];

    private static List<long> LongRange(long from, long to) => [.. Enumerable.Range(0, (int)Math.Max(0, to - from + 1)).Select(i => from + i)];
}
