using System.Net.WebSockets;

namespace LiveInteract.Server.Tests;

/// <summary>
/// A silo encodes a bounded number of rooms' video, and a creator streams one room at a time: past a cap the ingest is
/// refused before the upgrade with a status that says which cap, and a slot frees when a stream ends.
/// </summary>
public sealed class IngestCapsTests
{
    [Fact]
    public async Task Ingests_past_the_silo_and_creator_caps_are_refused_and_a_slot_frees_when_a_stream_ends()
    {
        var settings = new Dictionary<string, string?> { ["Media:MaxIngestsPerSilo"] = "2", ["Media:MaxIngestsPerCreator"] = "1" };
        await using var server = new LiveServer(settings: settings).Start();
        var ann = await server.SignIn("Ann", "creator");
        var bob = await server.SignIn("Bob", "creator");
        var cat = await server.SignIn("Cat", "creator");
        var annFirst = await server.CreateLiveRoom(ann);
        var annSecond = await server.CreateLiveRoom(ann);
        var bobs = await server.CreateLiveRoom(bob);
        var cats = await server.CreateLiveRoom(cat);

        using var annStream = await OpenIngest(server, annFirst.RoomId, ann);
        // The same creator, another room: one at a time.
        Assert.Contains("429", (await Assert.ThrowsAsync<WebSocketException>(() => OpenIngest(server, annSecond.RoomId, ann))).Message, StringComparison.Ordinal);
        using var bobStream = await OpenIngest(server, bobs.RoomId, bob);
        // The silo is full: a third creator is told to come back later.
        Assert.Contains("503", (await Assert.ThrowsAsync<WebSocketException>(() => OpenIngest(server, cats.RoomId, cat))).Message, StringComparison.Ordinal);

        // Ann stops: her slot is free for Cat.
        await annStream.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        using var catStream = await Eventually.Value<ClientWebSocket?>(() => TryOpen(server, cats.RoomId, cat), s => s is not null, "Cat's ingest once Ann's stream ended");
    }

    private static async Task<ClientWebSocket?> TryOpen(LiveServer server, string roomId, TestUser user)
    {
        try { return await OpenIngest(server, roomId, user); }
        catch (WebSocketException) { return null; }
    }

    private static Task<ClientWebSocket> OpenIngest(LiveServer server, string roomId, TestUser user) =>
        TestCamera.Connect(server.BaseAddress, roomId, user.Token);
}
