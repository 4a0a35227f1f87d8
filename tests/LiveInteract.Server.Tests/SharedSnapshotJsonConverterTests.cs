using System.Text.Json;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Tests;

/// <summary>The hub's JSON replies carry the same bytes with the shared-snapshot converter as without it.</summary>
public sealed class SharedSnapshotJsonConverterTests
{
    private static RoomSnapshot Snapshot(string title) => new(
        "room-1", title, "creator-1", "Creator", RoomStatus.Live, new RoomCounters(12, 340, 56), 52, 1_700_000_000_000,
        1_700_000_001_000, null,
        [
            new RoomStatusEvent(RoomStatus.Live) { Seq = 1, At = 1_700_000_001_000 },
            .. Enumerable.Range(2, 50).Select(i => new CommentEvent($"c{i}", $"comment \"{i}\" <b>é</b>") { Seq = i, At = 1_700_000_002_000 + i, UserId = $"u{i}", DisplayName = $"Fan {i}" }),
        ],
        true, [new FilterSpec("look", new Dictionary<string, string> { ["name"] = "warm" })]);

    [Fact]
    public void A_snapshot_is_written_exactly_as_the_protocol_would_and_each_instance_once()
    {
        var plain = new JsonHubProtocolOptions().PayloadSerializerOptions;
        var shared = new JsonHubProtocolOptions().PayloadSerializerOptions;
        shared.Converters.Add(new SharedSnapshotJsonConverter());
        var first = Snapshot("Morning live");
        var second = Snapshot("Evening live");

        var expectedFirst = JsonSerializer.Serialize<object>(first, plain);
        Assert.Equal(expectedFirst, JsonSerializer.Serialize<object>(first, shared));
        Assert.Equal(expectedFirst, JsonSerializer.Serialize<object>(first, shared)); // the same instance again: its cached bytes
        Assert.Equal(JsonSerializer.Serialize<object>(second, plain), JsonSerializer.Serialize<object>(second, shared)); // another instance: its own
        Assert.Contains("\"title\":\"Evening live\"", JsonSerializer.Serialize<object>(second, shared));
        // And it reads back.
        var read = JsonSerializer.Deserialize<RoomSnapshot>(expectedFirst, shared)!;
        Assert.Equal(first.Events.Select(e => e.Seq), read.Events.Select(e => e.Seq));
    }
}
