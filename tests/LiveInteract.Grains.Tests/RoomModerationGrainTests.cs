using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

/// <summary>Authorization in RoomGrain itself: direct grain calls, no hub in front.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoomModerationGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Creator = new("creator-1", "Creator") { Role = Roles.Creator };
    private static readonly Actor Moderator = new("mod-1", "Mod");
    private static readonly Actor Viewer = new("viewer-1", "Viewer");
    private static readonly Actor Target = new("target-1", "Target");
    private static readonly Actor Guest = new("guest-1", "Guest") { Role = Roles.Guest };

    private async Task<IRoomGrain> LiveRoom(string? prefix = null)
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>($"{prefix ?? "mod"}-{Guid.NewGuid():N}");
        await room.Create(Creator, "Moderated");
        await room.Start(Creator);
        await room.AddModerator(Creator, Moderator.UserId);
        return room;
    }

    private static async Task Forbidden(Func<Task> call) =>
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<LiveInteractException>(call)).Code);

    [Fact]
    public async Task Direct_calls_by_viewers_guests_and_other_rooms_moderators_are_refused()
    {
        var room = await LiveRoom();
        var other = fixture.Grains.GetGrain<IRoomGrain>($"other-{Guid.NewGuid():N}");
        var otherOwner = new Actor("owner-2", "Owner 2");
        await other.Create(otherOwner, "Other");
        var otherMod = new Actor("other-mod", "Other mod");
        await other.AddModerator(otherOwner, otherMod.UserId);
        var comment = await room.SendComment(Target, "hi");
        var guestModerator = Moderator with { Role = Roles.Guest }; // a moderator's id with a guest token

        foreach (var actor in new[] { Viewer, Guest, otherMod, guestModerator })
        {
            await Forbidden(() => room.MuteUser(actor, Target.UserId, 60));
            await Forbidden(() => room.BanUser(actor, Target.UserId));
            await Forbidden(() => room.UnbanUser(actor, Target.UserId));
            await Forbidden(() => room.DeleteComment(actor, comment.CommentId));
            await Forbidden(() => room.SetSlowMode(actor, 10));
            await Forbidden(() => room.AddModerator(actor, actor.UserId));
            await Forbidden(() => room.RemoveModerator(actor, Moderator.UserId));
            await Forbidden(() => room.SetBlockedWords(actor, ["hi"]));
            await Forbidden(() => room.GetModerationLog(actor, null, 10));
        }
        // Creator-only methods refuse the room's own moderator.
        await Forbidden(() => room.AddModerator(Moderator, Viewer.UserId));
        await Forbidden(() => room.RemoveModerator(Moderator, Moderator.UserId));
        await Forbidden(() => room.SetBlockedWords(Moderator, ["hi"]));

        // Nothing changed.
        await room.SendComment(Target, "hi"); // not muted, not banned, not blocked
        await room.SendComment(Target, "again"); // no slow mode
        var log = await room.GetModerationLog(Creator, null, 100);
        Assert.Equal([ModerationActions.AddModerator], log.Items.Select(r => r.Action));
    }

    [Fact]
    public async Task Moderators_act_on_viewers_but_not_on_the_creator_or_other_moderators()
    {
        var room = await LiveRoom();
        var secondMod = new Actor("mod-2", "Mod 2");
        await room.AddModerator(Creator, secondMod.UserId);

        await room.MuteUser(Moderator, Target.UserId, 60);
        await Forbidden(() => room.MuteUser(Moderator, Creator.UserId, 60));
        await Forbidden(() => room.BanUser(Moderator, secondMod.UserId));
        await room.BanUser(Creator, secondMod.UserId); // the creator can, and the ban ends moderator rights
        await Forbidden(() => room.SetSlowMode(secondMod, 5));
    }

    [Fact]
    public async Task Banned_users_and_guests_cannot_interact_and_banned_users_cannot_join()
    {
        var room = await LiveRoom();
        await room.BanUser(Moderator, Target.UserId);

        await Forbidden(() => room.SendComment(Target, "hello"));
        await Forbidden(() => room.EnsureCanInteract(Target));
        await Forbidden(() => room.EnsureCanJoin(Target));
        await Forbidden(() => room.Join(Target, null, long.MaxValue));
        await Forbidden(() => room.SendComment(Guest, "hello"));
        await Forbidden(() => room.EnsureCanInteract(Guest));
        await room.EnsureCanJoin(Guest); // guests watch
        await room.EnsureCanInteract(Viewer);

        await room.UnbanUser(Creator, Target.UserId);
        await room.EnsureCanInteract(Target);
        await room.SendComment(Target, "back");
        // Join is the check and the snapshot in one call, capped at the seq the viewer's relay had forwarded.
        var upTo = (await room.GetSnapshot(null, null)).LastSeq;
        await room.SendComment(Viewer, "after the relay's seq");
        var joined = await room.Join(Target, null, upTo);
        Assert.Equal(upTo, joined.LastSeq);
        Assert.Equal("back", Assert.IsType<CommentEvent>(joined.Events[^1]).Text);
    }

    [Fact]
    public async Task Every_action_is_published_as_an_event_and_audited()
    {
        var room = await LiveRoom();
        var comment = await room.SendComment(Target, "delete me");
        await room.MuteUser(Moderator, Target.UserId, 30);
        await room.BanUser(Moderator, Viewer.UserId);
        await room.UnbanUser(Moderator, Viewer.UserId);
        await room.DeleteComment(Moderator, comment.CommentId);
        await room.SetSlowMode(Moderator, 5);
        await room.SetBlockedWords(Creator, ["one", "two", "ONE"]);
        await room.RemoveModerator(Creator, Moderator.UserId);

        var events = (await room.GetSnapshot(0, null)).Events;
        Assert.Equal(Target.UserId, events.OfType<UserMutedEvent>().Single().TargetUserId);
        Assert.Equal(Viewer.UserId, events.OfType<UserBannedEvent>().Single().TargetUserId);
        Assert.Equal(Viewer.UserId, events.OfType<UserUnbannedEvent>().Single().TargetUserId);
        Assert.Equal(comment.CommentId, events.OfType<CommentDeletedEvent>().Single().CommentId);
        Assert.Equal("", events.OfType<CommentEvent>().Single(c => c.CommentId == comment.CommentId).Text);
        Assert.Equal(5, events.OfType<SlowModeEvent>().Single().Seconds);
        Assert.Equal(2, events.OfType<BlockedWordsChangedEvent>().Single().Count); // "ONE" folds to "one"
        Assert.Equal(Moderator.UserId, events.OfType<ModeratorRemovedEvent>().Single().TargetUserId);
        Assert.Equal(Moderator.UserId, events.OfType<UserBannedEvent>().Single().UserId); // who acted

        var log = await room.GetModerationLog(Creator, null, 100);
        Assert.Equal(
            [ModerationActions.RemoveModerator, ModerationActions.BlockedWords, ModerationActions.SlowMode, ModerationActions.DeleteComment,
             ModerationActions.Unban, ModerationActions.Ban, ModerationActions.Mute, ModerationActions.AddModerator],
            log.Items.Select(r => r.Action));
        Assert.Equal(Target.UserId, log.Items.Single(r => r.Action == ModerationActions.DeleteComment).TargetUserId);
        Assert.Equal(Enumerable.Range(1, 8).Reverse().Select(i => (long)i), log.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Moderation_state_survives_deactivation()
    {
        var room = await LiveRoom();
        await room.BanUser(Creator, Target.UserId);
        await room.SetBlockedWords(Creator, ["secret"]);
        await room.SendComment(Viewer, "flush");
        // Whether the batch tick wrote it already or not, deactivation writes a changed state (RoomGrain.OnDeactivateAsync).
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        await Forbidden(() => room.SendComment(Target, "still banned?"));
        Assert.Equal(ErrorCodes.BadRequest, (await Assert.ThrowsAsync<LiveInteractException>(() => room.SendComment(Viewer, "s e c r e t"))).Code);
        Assert.Equal(3, (await room.GetModerationLog(Moderator, null, 10)).Items.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(30 * 24 * 3600)]
    public async Task Out_of_range_durations_are_refused(int seconds)
    {
        var room = await LiveRoom();
        Assert.Equal(ErrorCodes.BadRequest, (await Assert.ThrowsAsync<LiveInteractException>(() => room.MuteUser(Creator, Target.UserId, seconds))).Code);
        Assert.Equal(ErrorCodes.BadRequest, (await Assert.ThrowsAsync<LiveInteractException>(() => room.SetSlowMode(Creator, seconds))).Code);
        Assert.Equal(ErrorCodes.BadRequest, (await Assert.ThrowsAsync<LiveInteractException>(() => room.BanUser(Creator, "../not an id"))).Code);
    }
}
