using LiveInteract.Client.Auth;
using LiveInteract.Client.Errors;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client.Tests;

/// <summary>Moderation and battles through the SDK against a real server: the calls act, and the typed events arrive.</summary>
public sealed class ModerationTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Moderators_mute_delete_slow_down_filter_and_ban_and_every_step_is_an_event_and_in_the_audit_log()
    {
        await using var host = await Server.SignedInClient("Mona", UserRole.Creator);
        var room = (await host.CreateRoomAsync("moderated")).RoomId;
        await host.StartRoomAsync(room);
        await using var mod = await Server.SignedInClient("Max");
        await using var troll = await Server.SignedInClient("Trolly");
        await using var fan = await Server.SignedInClient("Fanny");
        await using var trollSees = new UpdateRecorder(troll);
        await using var fanSees = new UpdateRecorder(fan);
        foreach (var c in new[] { mod, troll, fan }) await c.JoinRoomAsync(room);
        var modId = mod.Token!.UserId;
        var trollId = troll.Token!.UserId;

        // Only the creator appoints moderators.
        var notAllowed = await Assert.ThrowsAsync<LiveClientException>(() => fan.AddModeratorAsync(room, trollId));
        Assert.Equal("only the room's creator can do that", notAllowed.Message);
        await host.AddModeratorAsync(room, modId);

        // A moderator deletes a comment and mutes its author.
        var rude = await troll.SendCommentAsync(room, "something rude");
        await mod.DeleteCommentAsync(room, rude.CommentId);
        await mod.MuteUserAsync(room, trollId, 60);
        var muted = await Assert.ThrowsAsync<LiveClientException>(() => troll.SendCommentAsync(room, "again"));
        Assert.StartsWith("you are muted in this room", muted.Message);

        // Slow mode and the keyword filter.
        await mod.SetSlowModeAsync(room, 30);
        await host.SetBlockedWordsAsync(room, ["spoiler"]);
        var blocked = await Assert.ThrowsAsync<LiveClientException>(() => fan.SendCommentAsync(room, "big SPOILER ahead"));
        Assert.Equal("comment contains a blocked word", blocked.Message);
        await fan.SendCommentAsync(room, "first");
        var slow = await Assert.ThrowsAsync<LiveClientException>(() => fan.SendCommentAsync(room, "second"));
        Assert.StartsWith("slow mode: wait", slow.Message);

        // A ban removes the troll's connection from the room: the SDK reports it and does not rejoin.
        await mod.BanUserAsync(room, trollId);
        await trollSees.Until(s => s.All.OfType<KickedUpdate>().Any(), "the kick");
        Assert.Equal((room, "banned"), trollSees.All.OfType<KickedUpdate>().Select(k => (k.RoomId, k.Reason)).Single());
        Assert.Empty(troll.JoinedRooms);
        var rejoin = await Assert.ThrowsAsync<LiveClientException>(() => troll.JoinRoomAsync(room));
        Assert.Equal("you are banned from this room", rejoin.Message);
        await mod.UnbanUserAsync(room, trollId);
        await host.RemoveModeratorAsync(room, modId);

        await fanSees.Until(s => s.Events(room).OfType<ModeratorRemovedEvent>().Any(), "the last moderation event");
        var events = fanSees.Events(room);
        Assert.Equal(rude.CommentId, events.OfType<CommentDeletedEvent>().Single().CommentId);
        var mute = events.OfType<UserMutedEvent>().Single();
        Assert.Equal((trollId, "Max"), (mute.TargetUserId, mute.DisplayName));
        Assert.InRange(mute.Until - mute.At, 59_000, 61_000);
        Assert.Equal(30, events.OfType<SlowModeEvent>().Single().Seconds);
        Assert.Equal(1, events.OfType<BlockedWordsChangedEvent>().Single().Count);
        Assert.Equal(trollId, events.OfType<UserBannedEvent>().Single().TargetUserId);
        Assert.Equal(trollId, events.OfType<UserUnbannedEvent>().Single().TargetUserId);
        Assert.Equal(modId, events.OfType<ModeratorAddedEvent>().Single().TargetUserId);

        // The audit log, newest first, paged.
        var page = await host.GetModerationLogAsync(room, limit: 3);
        Assert.Equal([ModerationActions.RemoveModerator, ModerationActions.Unban, ModerationActions.Ban], page.Items.Select(r => r.Action));
        Assert.NotNull(page.NextBefore);
        var rest = await host.GetModerationLogAsync(room, before: page.NextBefore, limit: 50);
        Assert.Equal([ModerationActions.BlockedWords, ModerationActions.SlowMode, ModerationActions.Mute, ModerationActions.DeleteComment, ModerationActions.AddModerator],
            rest.Items.Where(r => r.Action != ModerationActions.CommentHeld).Select(r => r.Action));
        Assert.True(rest.Items.All(r => r.Id < page.Items[^1].Id));
        var forbidden = await Assert.ThrowsAsync<LiveClientException>(() => fan.GetModerationLogAsync(room));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.Status);
    }

    [Fact]
    public async Task A_battle_is_invited_accepted_and_seen_by_both_rooms_and_a_declined_one_says_so()
    {
        await using var ana = await Server.SignedInClient("Anabel", UserRole.Creator);
        await using var ben = await Server.SignedInClient("Benno", UserRole.Creator);
        var roomA = (await ana.CreateRoomAsync("A")).RoomId;
        var roomB = (await ben.CreateRoomAsync("B")).RoomId;
        await ana.StartRoomAsync(roomA);
        await ben.StartRoomAsync(roomB);
        await using var viewer = await Server.SignedInClient("Vince");
        await using var seen = new UpdateRecorder(viewer);
        await viewer.JoinRoomAsync(roomB);

        var invited = await ana.InviteBattleAsync(roomA, roomB, durationSeconds: 120);
        Assert.Equal(BattleStatus.Invited, invited.Status);
        Assert.Equal([roomA, roomB], invited.Sides.Select(s => s.RoomId));
        var refused = await Assert.ThrowsAsync<LiveClientException>(() => ana.AcceptBattleAsync(invited.BattleId));
        Assert.Equal("only the invited room's creator can accept", refused.Message);
        var running = await ben.AcceptBattleAsync(invited.BattleId);
        Assert.Equal(BattleStatus.Running, running.Status);
        Assert.NotNull(running.EndsAt);
        Assert.Equal(BattleStatus.Running, (await viewer.GetBattleAsync(invited.BattleId)).Status);
        await seen.Until(s => s.Events(roomB).OfType<BattleEvent>().Any(b => b.BattleId == invited.BattleId && b.Status == BattleStatus.Running), "the battle in room B");

        await using var cleo = await Server.SignedInClient("Cleon", UserRole.Creator);
        var roomC = (await cleo.CreateRoomAsync("C")).RoomId;
        await cleo.StartRoomAsync(roomC);
        await using var dora = await Server.SignedInClient("Dorian", UserRole.Creator);
        var roomD = (await dora.CreateRoomAsync("D")).RoomId;
        await dora.StartRoomAsync(roomD);
        var second = await cleo.InviteBattleAsync(roomC, roomD);
        Assert.Equal(BattleStatus.Declined, (await dora.DeclineBattleAsync(second.BattleId)).Status);
        var gone = await Assert.ThrowsAsync<LiveClientException>(() => viewer.GetBattleAsync("bnosuchbattle"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.Status);
    }
}
