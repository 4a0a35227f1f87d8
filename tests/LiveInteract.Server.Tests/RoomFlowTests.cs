using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

public sealed class RoomFlowTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_comment_reaches_every_viewer_of_the_room_and_none_of_another()
    {
        var creator = await Server.SignIn("Ana", "creator");
        var roomA = await Server.CreateLiveRoom(creator, "A");
        var roomB = await Server.CreateLiveRoom(creator, "B");
        var alice = await Server.SignIn("Alice");
        var bob = await Server.SignIn("Bob");
        await using var aliceHub = await Server.Connect(alice);
        await using var bobHub = await Server.Connect(bob);
        var aliceSees = new HubRecorder(aliceHub);
        var bobSees = new HubRecorder(bobHub);
        await aliceHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomA.RoomId, null);
        await bobHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, roomB.RoomId, null);

        var receipt = await aliceHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomA.RoomId, "hello A");
        await bobHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, roomB.RoomId, "hello B");

        await Eventually.Until(() => aliceSees.Comments.Count == 1 && bobSees.Comments.Count == 1, "both comments");
        var seen = aliceSees.Comments.Single();
        Assert.Equal("hello A", seen.Text);
        Assert.Equal(receipt.Seq, seen.Seq);
        Assert.Equal(alice.UserId, seen.UserId);
        Assert.Equal("Alice", seen.DisplayName);
        Assert.Equal("hello B", bobSees.Comments.Single().Text);
    }

    [Fact]
    public async Task Calls_without_a_token_are_refused()
    {
        using var http = Server.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/rooms")).StatusCode);
        var anonymous = new TestUser("nobody", "nobody", "not-a-token");
        await using var hub = await Server.Connect(anonymous, start: false);
        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_hub_error_and_nothing_reaches_viewers()
    {
        var creator = await Server.SignIn("Cara", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var viewer = await Server.SignIn("Vic");
        await using var hub = await Server.Connect(viewer);
        await using var watcherHub = await Server.Connect(await Server.SignIn("Wes"));
        var watcher = new HubRecorder(watcherHub);
        await watcherHub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        async Task<string> Refused(string method, params object?[] args) =>
            (await Assert.ThrowsAsync<HubException>(() => hub.InvokeCoreAsync<object>(method, args))).Message;

        Assert.EndsWith("comment is empty", await Refused(HubMethods.SendComment, room.RoomId, ""));
        Assert.EndsWith("comment is empty", await Refused(HubMethods.SendComment, room.RoomId, "\u200B\u202E "));
        Assert.EndsWith("comment is longer than 300 characters", await Refused(HubMethods.SendComment, room.RoomId, new string('a', 301)));
        Assert.EndsWith("room not found", await Refused(HubMethods.SendComment, "no-such-room", "hi"));
        Assert.EndsWith("room not found", await Refused(HubMethods.JoinRoom, "../etc/passwd", null));
        Assert.EndsWith("count must be between 1 and 100", await Refused(HubMethods.SendLike, room.RoomId, -5));
        Assert.EndsWith("only the room's creator can do that", await Refused(HubMethods.SetFilters, room.RoomId, Array.Empty<FilterSpec>()));

        // The connection still works and the room's stream only has what was accepted.
        // The good comment is also the marker: anything wrongly accepted above would arrive before it (pushes come in
        // seq order). One more comment here would pass the per-user comment rate the refusals above already used.
        await hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "still here");
        await watcher.UntilComment("still here");
        Assert.Equal(["still here"], watcher.Comments.Select(c => c.Text));
    }

    [Fact]
    public async Task An_ended_room_tells_its_viewers_and_refuses_comments()
    {
        var creator = await Server.SignIn("Eve", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var hub = await Server.Connect(await Server.SignIn("Finn"));
        var seen = new HubRecorder(hub);
        await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        using var http = Server.Http(creator.Token);
        (await http.PostAsync($"api/rooms/{room.RoomId}/end", null)).EnsureSuccessStatusCode();

        await Eventually.Until(() => seen.Ended, "the room-ended push");
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "hello?"));
        Assert.EndsWith("room has ended", error.Message);
        using var list = Server.Http(creator.Token);
        var live = await list.GetFromJsonAsync<List<RoomListing>>("api/rooms");
        Assert.DoesNotContain(live!, r => r.RoomId == room.RoomId);
    }

    [Fact]
    public async Task The_room_list_takes_a_limit_and_refuses_one_out_of_range()
    {
        var creator = await Server.SignIn("Lim", "creator");
        var first = await Server.CreateLiveRoom(creator);
        var second = await Server.CreateLiveRoom(await Server.SignIn("Lim2", "creator"));
        using var http = Server.Http(creator.Token);

        var all = await http.GetFromJsonAsync<List<RoomListing>>("api/rooms");
        Assert.Contains(all!, r => r.RoomId == first.RoomId);
        Assert.Contains(all!, r => r.RoomId == second.RoomId);
        var one = await http.GetFromJsonAsync<List<RoomListing>>("api/rooms?limit=1");
        Assert.Single(one!);

        foreach (var limit in new[] { "0", "-1", "501" })
        {
            using var response = await http.GetAsync($"api/rooms?limit={limit}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("bad_request", problem.GetProperty("code").GetString());
            Assert.Equal("limit must be between 1 and 500", problem.GetProperty("title").GetString());
        }
    }
}
