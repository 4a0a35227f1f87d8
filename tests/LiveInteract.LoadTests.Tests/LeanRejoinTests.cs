using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.LoadTests.Running;
using LiveInteract.LoadTests.Running.Lean;
using LiveInteract.Testing;
using System.Diagnostics.Metrics;
using LiveInteract.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.LoadTests.Tests;

/// <summary>
/// The lagged path end to end: a real server with the smallest outbound budget per viewer, a lean viewer whose socket
/// nobody reads (its receive loop stopped) while comments flow, so the server lags it; once read again it gets what
/// was queued, then <c>Lagged(roomId, lastSeq)</c>, rejoins after that seq and ends with every comment exactly once.
/// </summary>
public sealed class LeanRejoinTests
{
    private const int Talkers = 4;

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task A_lagged_lean_viewer_rejoins_with_its_last_seq_and_gets_every_comment_once(string protocolName)
    {
        var protocol = protocolName == "json" ? LeanProtocol.Json : LeanProtocol.MessagePack;
        var settings = LiveServer.Unthrottled();
        settings["Relays:ViewerBudgetBytes"] = "4096"; // the smallest budget: a viewer that stops reading lags soon
        // The paused viewer must be lagged, not disconnected, however slowly this machine fills its buffers today.
        settings["Relays:SocketSendTimeout"] = "00:02:00";
        // The rejoin replays the gap from memory: room for every comment this test sends.
        settings["Rooms:ReplayBufferSize"] = "50000";
        settings["Rooms:LogRetention"] = "50000";
        // Small kernel send buffers on the server's sockets (accepted sockets inherit them from the listener), so that a
        // few hundred kilobytes fill the path to a viewer that does not read, not the megabytes loopback allows.
        await using var server = new LiveServer(settings: settings, services: s => s.Configure<SocketTransportOptions>(o =>
            o.CreateBoundListenSocket = endpoint =>
            {
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = 8192;
                return socket;
            }));
        server.Start();
        using var lagged = LaggedViewers();
        var counters = new RunCounters();
        var ledger = new CommentLedger(50_000);
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<int>();
        var loops = new LeanReceiveLoops(protocol, 1);
        LeanReceiveLoops? resumed = null;
        var talkers = new List<HubConnection>();
        try
        {
            var roomId = (await server.CreateLiveRoom(await server.SignIn("Host", "creator"))).RoomId;
            for (var i = 0; i < Talkers; i++)
            {
                var talker = await server.Connect(await server.SignIn($"Talker{i}"));
                talkers.Add(talker);
                await talker.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomId, null);
            }
            var hub = new UriBuilder(new Uri(server.BaseAddress, HubRoutes.Live.TrimStart('/'))) { Scheme = "ws" }.Uri;
            await using var viewer = await LeanViewer.Connect(loops, hub, (await server.SignIn("Lean")).Token, null, 0, roomId, 0, protocol, counters, 0, CancellationToken.None);
            await Say(talkers, roomId, ledger, acknowledged, 20); // delivered live, before the pause

            // Nobody reads the viewer's socket now (a small receive buffer fills sooner); it still pings, as a paused
            // phone's keep-alive would, so the server lags it rather than timing it out.
            await Eventually.Until(() => acknowledged.All(viewer.HasReceived), "the first comments to arrive live");
            loops.Stop();
            viewer.Socket.ReceiveBufferSize = 4096;
            var ping = HubWire.Ping(protocol);
            using (new Timer(_ => viewer.Send(ping), null, TimeSpan.Zero, TimeSpan.FromSeconds(5)))
            {
                await Eventually.Until(async () =>
                {
                    await Say(talkers, roomId, ledger, acknowledged, 100);
                    return lagged.Count >= 1;
                }, "the server to lag the viewer that stopped reading", TimeSpan.FromSeconds(90), () => $"{acknowledged.Count} comments sent");
                await Say(talkers, roomId, ledger, acknowledged, 100); // after the lag: only the rejoin's replay brings these

                // It reads again: the queued batches, Lagged(roomId, lastSeq), the rejoin after lastSeq and its replay.
                resumed = new LeanReceiveLoops(protocol, 1);
                resumed.Add(viewer);
                await Eventually.Until(() => acknowledged.All(viewer.HasReceived), "every acknowledged comment at the viewer",
                    TimeSpan.FromSeconds(60), () => $"{acknowledged.Count(n => !viewer.HasReceived(n))} of {acknowledged.Count} missing, rejoins {viewer.Rejoins}, failed: {viewer.FailedBecause}");
            }

            Assert.True(viewer.Rejoins >= 1, "the viewer was never told Lagged");
            Assert.False(viewer.Rejoining, "the rejoin did not complete");
            Assert.Null(viewer.FailedBecause);
            Assert.Equal(0, viewer.Duplicates); // a rejoin from any seq before lastSeq would replay comments it already had
            Assert.Equal(acknowledged.Count, counters.DeliveredCount); // each acknowledged comment counted once: none lost
            Assert.Equal(0, counters.DroppedCount);
        }
        finally
        {
            loops.Stop();
            resumed?.Stop();
            foreach (var talker in talkers) await talker.DisposeAsync();
            LiveServer.DeleteData(server.DataDirectory);
        }
    }

    /// <summary>Counts the server's <c>liveinteract.relay.viewers_lagged</c> (the server runs in this process).</summary>
    private static LaggedCounter LaggedViewers()
    {
        var counter = new LaggedCounter();
        counter.Listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveMetrics.MeterName && instrument.Name == "liveinteract.relay.viewers_lagged") listener.EnableMeasurementEvents(instrument);
        };
        counter.Listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counter.Total, value));
        counter.Listener.Start();
        return counter;
    }

    private sealed class LaggedCounter : IDisposable
    {
        public readonly MeterListener Listener = new();
        public long Total;
        public long Count => Interlocked.Read(ref Total);
        public void Dispose() => Listener.Dispose();
    }

    /// <summary>Sends <paramref name="count"/> numbered comments spread over the talkers; returns when all are acknowledged.</summary>
    private static async Task Say(List<HubConnection> talkers, string roomId, CommentLedger ledger, System.Collections.Concurrent.ConcurrentBag<int> acknowledged, int count) =>
        await Task.WhenAll(talkers.Select(async talker =>
        {
            for (var i = 0; i < count / talkers.Count; i++)
            {
                var number = ledger.Begin(0, out var text);
                await talker.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomId, text);
                acknowledged.Add(number);
            }
        }));
}
