using System.Net.WebSockets;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Connection;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LiveInteract.Client.Tests;

/// <summary>
/// Every wire type through a real server (Kestrel, the server's SignalR protocols) into the SDK, in both hub protocols.
/// The server pushes one batch holding one event of every type, each field set to a non-default value (enums,
/// dictionaries, nullable numbers, nested lists); the SDK must hand back equal events. A real comment, a join snapshot
/// and the receipts travel the same way.
/// </summary>
public sealed class HubProtocolRoundTripTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    public static TheoryData<string> Protocols => new() { "json", "messagepack" };

    private static HubProtocol Named(string name) => name == "json" ? HubProtocol.Json : HubProtocol.MessagePack();

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Every_event_type_round_trips_through_a_real_server(string protocol)
    {
        var server = fixture.Server;
        await using var creator = new LiveClient(server.BaseAddress);
        await creator.SignInAsGuestAsync("Rita", UserRole.Creator);
        var room = await creator.CreateRoomAsync($"round trip {protocol}");
        await creator.StartRoomAsync(room.RoomId);

        // The handshake is the only JSON text frame in either protocol: it names the protocol the SDK chose.
        var plan = new LossyWebSocket.Plan { CountSent = $"\"protocol\":\"{protocol}\"" };
        LiveClient? viewer = null;
        viewer = new LiveClient(new LiveClientOptions
        {
            ServerUrl = server.BaseAddress,
            Protocol = Named(protocol),
            WebSocketFactory = async (uri, ct) =>
            {
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Authorization", $"Bearer {viewer!.Token!.Token}");
                await socket.ConnectAsync(uri, ct);
                return new LossyWebSocket(socket, plan);
            },
        });
        await using (viewer)
        {
            await using var seen = new UpdateRecorder(viewer);
            await viewer.SignInAsGuestAsync("Pia");
            await viewer.ConnectAsync();
            Assert.Equal(1, plan.Sent);
            var snapshot = await viewer.JoinRoomAsync(room.RoomId);
            Assert.Equal((room.RoomId, RoomStatus.Live), (snapshot.RoomId, snapshot.Status));
            Assert.Contains(snapshot.Events, e => e is RoomStatusEvent { Status: RoomStatus.Live });

            var receipt = await viewer.SendCommentAsync(room.RoomId, "héllo ✓ \"quoted\"");
            Assert.True(receipt.Seq > snapshot.LastSeq);
            await seen.Until(s => s.Events(room.RoomId).Any(e => e.Seq == receipt.Seq), "the real comment");
            var comment = Assert.IsType<CommentEvent>(seen.Events(room.RoomId).Single(e => e.Seq == receipt.Seq));
            Assert.Equal(("héllo ✓ \"quoted\"", receipt.CommentId, "Pia"), (comment.Text, comment.CommentId, comment.DisplayName));

            var sent = EveryEventType(receipt.Seq + 1);
            var counters = new RoomCounters(7, 1_234_567_890_123, 42);
            var hub = server.Services.GetRequiredService<IHubContext<LiveHub, ILiveClient>>();
            await hub.Clients.All.Events(new EventBatch(room.RoomId, sent, counters) { Sampled = 5 });
            await hub.Clients.All.ViewerCount(room.RoomId, 99);

            var last = sent[^1].Seq;
            await seen.Until(s => s.Events(room.RoomId).Any(e => e.Seq == last), "the batch with every event type");
            await seen.Until(s => s.All.OfType<ViewerCountUpdate>().Any(v => v.Viewers == 99), "the viewer count");
            var received = seen.Events(room.RoomId).Where(e => e.Seq > receipt.Seq).ToList();
            Assert.Equal(sent.Select(e => e.GetType()), received.Select(e => e.GetType()));
            for (var i = 0; i < sent.Count; i++) Assert.Equal(AsJson(sent[i]), AsJson(received[i]));
            Assert.Contains(seen.All.OfType<CountersUpdate>(), c => c.Counters == counters);
            Assert.Contains(seen.All.OfType<CommentsSampledUpdate>(), u => u == new CommentsSampledUpdate(room.RoomId, 5));
        }
    }

    [Fact]
    public void The_messagepack_wire_names_are_the_json_discriminators()
    {
        var json = typeof(RoomEvent).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);
        Assert.Equal(json.OrderBy(kv => kv.Value), LiveMessagePack.WireNames.OrderBy(kv => kv.Value));
        Assert.Equal(json.Count, EveryEventType(1).Select(e => e.GetType()).Distinct().Count());
    }

    /// <summary>One event of every type, in seq order from <paramref name="firstSeq"/>, with no field left at its default.</summary>
    private static List<RoomEvent> EveryEventType(long firstSeq)
    {
        var at = 1_800_000_000_123L;
        var events = new List<RoomEvent>
        {
            new CommentEvent("c-1", "lt:1:2 ünïcode"),
            new RoomStatusEvent(RoomStatus.Ended),
            new FiltersChangedEvent([new FilterSpec("sticker", new Dictionary<string, string> { ["asset"] = "glasses", ["scale"] = "1.5" }), new FilterSpec("blur")]),
            new CommentDeletedEvent("c-0"),
            new UserMutedEvent("u-9", at + 60_000),
            new UserBannedEvent("u-8"),
            new UserUnbannedEvent("u-8"),
            new SlowModeEvent(30),
            new ModeratorAddedEvent("u-7"),
            new ModeratorRemovedEvent("u-7"),
            new BlockedWordsChangedEvent(3),
            new GiftEvent("rose", "Rose", 10, 2, GiftTier.Epic, "combo-1", 5, 5_000_000_000),
            new GiftBoardEvent([new TopGifter("u-1", "Ann", 500), new TopGifter("u-2", "Bo", 20)], 520),
            new BattleEvent("b-1", BattleStatus.Declined, [new BattleSide("r-1", "u-1", 10), new BattleSide("r-2", "u-2", 0)], at + 1, null, BattleEndReasons.Expired),
        };
        return [.. events.Select((e, i) => e with { Seq = firstSeq + i, At = at + i, UserId = $"user-{i}", DisplayName = $"Näme {i}" })];
    }

    private static string AsJson(RoomEvent e) => JsonSerializer.Serialize(e);
}
