using System.Net;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Tests;

/// <summary>Each REST call and hub method the server has today, through the SDK against a real server.</summary>
public sealed class ClientCallsTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_creator_runs_a_room_from_creation_to_end_and_a_viewer_sees_each_step()
    {
        await using var creator = new LiveClient(Server.BaseAddress);
        var token = await creator.SignInAsGuestAsync("Cleo", UserRole.Creator);
        Assert.Equal("creator", token.Role);
        Assert.Equal("Cleo", token.DisplayName);

        var created = await creator.CreateRoomAsync("SDK room");
        Assert.Equal(RoomStatus.Created, created.Status);
        Assert.Equal(token.UserId, created.CreatorId);
        Assert.DoesNotContain(await creator.ListRoomsAsync(), r => r.RoomId == created.RoomId);
        await creator.StartRoomAsync(created.RoomId);
        Assert.Contains(await creator.ListRoomsAsync(), r => r.RoomId == created.RoomId && r.Title == "SDK room");

        await using var viewer = await Server.SignedInClient("Vic");
        await using var seen = new UpdateRecorder(viewer);
        var snapshot = await viewer.JoinRoomAsync(created.RoomId);
        Assert.Equal(RoomStatus.Live, snapshot.Status);

        await creator.ConnectAsync();
        await creator.SetFiltersAsync(created.RoomId, [new FilterSpec("sticker", new Dictionary<string, string> { ["asset"] = "glasses" })]);
        var receipt = await viewer.SendCommentAsync(created.RoomId, "hi Cleo");
        await viewer.SendLikeAsync(created.RoomId, 3);
        await seen.Until(s => s.All.OfType<CountersUpdate>().Any(c => c.Counters.Likes >= 3), "the likes in the counters");
        await creator.EndRoomAsync(created.RoomId);
        await seen.Until(s => s.All.OfType<RoomEndedUpdate>().Any(), "the end of the room");

        var events = seen.Events(created.RoomId);
        var filters = Assert.Single(events.OfType<FiltersChangedEvent>());
        Assert.Equal("glasses", filters.Filters.Single().Options!["asset"]);
        var comment = Assert.Single(events.OfType<CommentEvent>());
        Assert.Equal((receipt.Seq, "hi Cleo", "Vic"), (comment.Seq, comment.Text, comment.DisplayName));
        Assert.Equal(RoomStatus.Ended, events.OfType<RoomStatusEvent>().Last().Status);
        Assert.Equal(RoomStatus.Ended, (await viewer.GetRoomAsync(created.RoomId)).Status);
    }

    [Fact]
    public async Task Without_signing_in_a_client_watches_and_is_told_that_writing_needs_a_sign_in()
    {
        await using var host = await Server.SignedInClient("Hana", UserRole.Creator);
        var room = await host.CreateRoomAsync("open to all");
        await host.StartRoomAsync(room.RoomId);
        await using var speaker = await Server.SignedInClient("Sol");
        await speaker.JoinRoomAsync(room.RoomId);
        await using var watcher = new LiveClient(Server.BaseAddress); // no sign-in, no token
        await using var seen = new UpdateRecorder(watcher);

        await watcher.ConnectAsync();
        await watcher.JoinRoomAsync(room.RoomId);
        var receipt = await speaker.SendCommentAsync(room.RoomId, "welcome, lurkers");

        await seen.Until(s => s.Events(room.RoomId).OfType<CommentEvent>().Any(c => c.Seq == receipt.Seq), "the comment at the watcher");
        Assert.Null(watcher.Token);
        var refused = await Assert.ThrowsAsync<LiveClientException>(() => watcher.SendCommentAsync(room.RoomId, "me too"));
        Assert.Equal(LiveClientException.HubError, refused.Code);
        Assert.Contains("unauthorized", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_carry_the_servers_short_message_and_code()
    {
        await using var viewer = new LiveClient(Server.BaseAddress);
        await viewer.SignInAsGuestAsync("Nora");

        var notFound = await Assert.ThrowsAsync<LiveClientException>(() => viewer.GetRoomAsync("no-such-room"));
        Assert.Equal(("not_found", HttpStatusCode.NotFound, "room not found"), (notFound.Code, notFound.Status, notFound.Message));
        var forbidden = await Assert.ThrowsAsync<LiveClientException>(() => viewer.CreateRoomAsync("mine"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);

        var creator = await Server.SignIn("Olga", "creator");
        var room = (await Server.CreateLiveRoom(creator)).RoomId;
        await viewer.ConnectAsync();
        var empty = await Assert.ThrowsAsync<LiveClientException>(() => viewer.SendCommentAsync(room, "\u200B "));
        Assert.Equal("comment is empty", empty.Message);
        var notJoined = await Assert.ThrowsAsync<LiveClientException>(() => viewer.SendLikeAsync(room, 1));
        Assert.Equal("join the room first", notJoined.Message);
        var badJoin = await Assert.ThrowsAsync<LiveClientException>(() => viewer.JoinRoomAsync("../etc"));
        Assert.Equal("room not found", badJoin.Message);
        Assert.Empty(viewer.JoinedRooms); // a refused join is not rejoined later

        // The connection survives the refusals.
        Assert.True((await viewer.SendCommentAsync(room, "still here")).Seq > 0);
    }

    [Fact]
    public async Task Without_a_token_the_rest_api_says_so_and_hub_calls_need_a_connection()
    {
        // Connecting without a token is watching as a guest: Without_signing_in_a_client_watches_and_is_told_that_writing_needs_a_sign_in.
        await using var anonymous = new LiveClient(Server.BaseAddress);
        var error = await Assert.ThrowsAsync<LiveClientException>(() => anonymous.ListRoomsAsync());
        Assert.Equal(("unauthorized", HttpStatusCode.Unauthorized), (error.Code, error.Status));
        await Assert.ThrowsAsync<InvalidOperationException>(() => anonymous.SendCommentAsync("r", "x"));
    }

    [Fact]
    public async Task A_call_waiting_for_the_connection_honours_cancellation()
    {
        await using var viewer = await Server.SignedInClient("Pia");
        var creator = await Server.SignIn("Quinn", "creator");
        var room = (await Server.CreateLiveRoom(creator)).RoomId;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => viewer.JoinRoomAsync(room, cancellationToken: cancelled.Token));
        Assert.Empty(viewer.JoinedRooms);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => viewer.ListRoomsAsync(cancellationToken: cancelled.Token));
    }
}
