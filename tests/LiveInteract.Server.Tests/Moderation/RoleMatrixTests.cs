using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Moderation;

/// <summary>Every creator/moderator method, called by everyone who must not succeed, over a real hub connection.</summary>
public sealed class RoleMatrixTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    private static IEnumerable<(string Method, object?[] Args)> StaffCalls(string roomId, string targetId, string commentId, string selfId) =>
    [
        (HubMethods.MuteUser, [roomId, targetId, 60]),
        (HubMethods.BanUser, [roomId, targetId]),
        (HubMethods.UnbanUser, [roomId, targetId]),
        (HubMethods.DeleteComment, [roomId, commentId]),
        (HubMethods.SetSlowMode, [roomId, 30]),
        (HubMethods.AddModerator, [roomId, selfId]),
        (HubMethods.RemoveModerator, [roomId, targetId]),
        (HubMethods.SetBlockedWords, [roomId, new[] { "hello" }]),
        (HubMethods.SetFilters, [roomId, Array.Empty<FilterSpec>()]),
    ];

    [Fact]
    public async Task No_one_but_the_creator_and_its_moderators_can_moderate_a_room()
    {
        var creator = await Server.SignIn("Owner", "creator");
        var room = await Server.CreateLiveRoom(creator, "Matrix");
        var otherCreator = await Server.SignIn("Other owner", "creator");
        var otherRoom = await Server.CreateLiveRoom(otherCreator, "Elsewhere");
        var target = await Server.SignIn("Target");
        var viewer = await Server.SignIn("Viewer");
        var guest = await Server.SignIn("Guest", "guest");
        var otherModerator = await Server.SignIn("Other mod");
        var moderator = await Server.SignIn("Mod");
        var banned = await Server.SignIn("Banned mod");

        await using var owner = await Server.Connect(creator);
        await using var otherOwner = await Server.Connect(otherCreator);
        await otherOwner.InvokeAsync(HubMethods.AddModerator, otherRoom.RoomId, otherModerator.UserId);
        await owner.InvokeAsync(HubMethods.AddModerator, room.RoomId, moderator.UserId);
        await owner.InvokeAsync(HubMethods.AddModerator, room.RoomId, banned.UserId);
        await owner.InvokeAsync(HubMethods.BanUser, room.RoomId, banned.UserId); // a ban also ends moderator rights
        var (targetHub, _) = await Server.Joined(target, room.RoomId);
        await using var _t = targetHub;
        var comment = await targetHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "first!");

        // Who calls, and which methods they must be refused. A moderator of this room may not use the creator-only ones.
        var callers = new List<(string Who, TestUser User, string[]? Only)>
        {
            ("viewer", viewer, null),
            ("guest", guest, null),
            ("moderator of another room", otherModerator, null),
            ("banned former moderator", banned, null),
            ("moderator (creator-only methods)", moderator, [HubMethods.AddModerator, HubMethods.RemoveModerator, HubMethods.SetBlockedWords, HubMethods.SetFilters]),
        };
        var successes = new List<string>();
        var refusals = 0;
        foreach (var (who, user, only) in callers)
        {
            await using var hub = await Server.Connect(user);
            foreach (var (method, args) in StaffCalls(room.RoomId, target.UserId, comment.CommentId, user.UserId))
            {
                if (only is not null && !only.Contains(method)) continue;
                var callArgs = method == HubMethods.RemoveModerator && only is not null ? [room.RoomId, moderator.UserId] : args;
                try
                {
                    await hub.InvokeCoreAsync<object>(method, callArgs);
                    successes.Add($"{who}: {method}");
                }
                catch (HubException) { refusals++; }
            }
        }

        Assert.Empty(successes);
        Assert.Equal(4 * 9 + 4, refusals);

        // Nothing changed: the target still comments twice in a row (no mute, ban or slow mode), "hello" is not blocked,
        // the comment is still there, and the audit log holds only the owner's setup.
        await targetHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "hello");
        await targetHub.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "hello again");
        using var ownerHttp = Server.Http(creator.Token);
        var snapshot = await ownerHttp.GetFromJsonAsync<RoomSnapshot>($"api/rooms/{room.RoomId}?lastSeq=0");
        Assert.Equal("first!", snapshot!.Events.OfType<CommentEvent>().Single(c => c.CommentId == comment.CommentId).Text);
        var log = await ownerHttp.GetFromJsonAsync<ModerationPage>($"api/rooms/{room.RoomId}/moderation");
        Assert.Equal(
            [ModerationActions.Ban, ModerationActions.AddModerator, ModerationActions.AddModerator],
            log!.Items.Select(r => r.Action));
        Assert.All(log.Items, r => Assert.Equal(creator.UserId, r.ActorId));

        // The positive control: this room's moderator can do a moderator's job.
        await using var modHub = await Server.Connect(moderator);
        await modHub.InvokeAsync(HubMethods.SetSlowMode, room.RoomId, 0);
        await modHub.InvokeAsync(HubMethods.MuteUser, room.RoomId, target.UserId, 0);
        await modHub.InvokeAsync(HubMethods.DeleteComment, room.RoomId, comment.CommentId);
    }

    [Fact]
    public async Task Without_a_valid_token_the_audit_log_is_closed_and_an_expired_token_does_not_connect()
    {
        var creator = await Server.SignIn("Owner2", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var expired = Server.IssueToken("Late", "creator", TimeSpan.FromMinutes(-10));

        // No token at all connects as a watch-only guest (AnonymousViewerTests); an expired one is refused.
        await using (var hub = await Server.Connect(expired, start: false))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
            Assert.Equal(HubConnectionState.Disconnected, hub.State);
        }
        foreach (var token in new[] { expired.Token, null })
        {
            using var http = Server.Http(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"api/rooms/{room.RoomId}/moderation")).StatusCode);
        }

        var otherCreator = await Server.SignIn("Owner3", "creator");
        var otherRoom = await Server.CreateLiveRoom(otherCreator);
        var otherModerator = await Server.SignIn("Mod3");
        await using (var otherOwner = await Server.Connect(otherCreator))
            await otherOwner.InvokeAsync(HubMethods.AddModerator, otherRoom.RoomId, otherModerator.UserId);
        foreach (var user in new[] { await Server.SignIn("V3"), await Server.SignIn("G3", "guest"), otherModerator })
        {
            using var http = Server.Http(user.Token);
            var response = await http.GetAsync($"api/rooms/{room.RoomId}/moderation");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Guests_watch_but_cannot_comment_or_like()
    {
        var creator = await Server.SignIn("Owner4", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var guest = await Server.SignIn("Lurker", "guest");
        var (hub, sees) = await Server.Joined(guest, room.RoomId);
        await using var _ = hub;

        Assert.Contains("unauthorized", await hub.Refused(HubMethods.SendComment, room.RoomId, "hi"));
        Assert.Contains("unauthorized", await hub.Refused(HubMethods.SendLike, room.RoomId, 1));

        await using var owner = await Server.Connect(creator);
        await owner.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "welcome");
        await Eventually.Until(() => sees.Comments.Any(c => c.Text == "welcome"), "the guest sees comments");
    }

    [Fact]
    public async Task The_audit_log_records_who_did_what_and_pages_newest_first()
    {
        var creator = await Server.SignIn("Auditor", "creator");
        var room = await Server.CreateLiveRoom(creator);
        var moderator = await Server.SignIn("AuditMod");
        await using var owner = await Server.Connect(creator);
        await owner.InvokeAsync(HubMethods.AddModerator, room.RoomId, moderator.UserId);
        await using var mod = await Server.Connect(moderator);
        for (var i = 1; i <= 5; i++) await mod.InvokeAsync(HubMethods.SetSlowMode, room.RoomId, i);

        using var http = Server.Http(moderator.Token);
        var first = await http.GetFromJsonAsync<ModerationPage>($"api/rooms/{room.RoomId}/moderation?limit=4");
        Assert.Equal(["5s", "4s", "3s", "2s"], first!.Items.Select(r => r.Detail));
        Assert.All(first.Items, r => Assert.Equal((moderator.UserId, "AuditMod", ModerationActions.SlowMode), (r.ActorId, r.ActorName, r.Action)));
        Assert.NotNull(first.NextBefore);
        var second = await http.GetFromJsonAsync<ModerationPage>($"api/rooms/{room.RoomId}/moderation?limit=4&before={first.NextBefore}");
        Assert.Equal([ModerationActions.SlowMode, ModerationActions.AddModerator], second!.Items.Select(r => r.Action));
        Assert.Equal(creator.UserId, second.Items[^1].ActorId);
        Assert.Null(second.NextBefore);
        Assert.True(second.Items[0].At >= second.Items[^1].At);
    }
}
