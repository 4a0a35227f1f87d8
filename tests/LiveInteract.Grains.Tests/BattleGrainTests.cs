using LiveInteract.Contracts.Battles;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BattleGrainTests(ClusterFixture fixture)
{
    private IBattleGrain NewBattle() => fixture.Grains.GetGrain<IBattleGrain>($"b{Guid.NewGuid():N}");

    [Fact]
    public async Task A_timed_battle_scores_both_rooms_and_ends_with_a_winner()
    {
        var s = new GiftScenario(fixture.Grains);
        var (roomA, a, creatorA) = await s.LiveRoom("alpha");
        var (roomB, b, creatorB) = await s.LiveRoom("beta");
        var viewer = s.User("viewer");
        await s.TopUp(viewer, 1_000);
        await s.Wallet(viewer).SendGift(viewer, a, "cap", 1, "before"); // before the battle: not scored

        var battle = NewBattle();
        var invited = await battle.Invite(creatorA, a, b, durationSeconds: 2);
        Assert.Equal(BattleStatus.Invited, invited.Status);
        await Assert.ThrowsAsync<LiveInteractException>(() => battle.Accept(creatorA)); // only the invited creator accepts
        var running = await battle.Accept(creatorB);
        Assert.Equal(BattleStatus.Running, running.Status);

        await s.Wallet(viewer).SendGift(viewer, a, "donut", 1, "a1");
        await s.Wallet(viewer).SendGift(viewer, b, "heart", 2, "b1");
        await s.Wallet(viewer).SendGift(viewer, a, "donut", 1, "a2");

        var ended = await Eventually.Value(() => battle.Get(), e => e.Status == BattleStatus.Ended, "the battle to end", TimeSpan.FromSeconds(10));
        Assert.Equal([60L, 10L], ended.Sides.Select(x => x.Score));
        Assert.Equal(a, ended.WinnerRoomId);
        Assert.Equal(BattleEndReasons.TimeUp, ended.EndReason);

        // Both rooms carry the running scores and the result in their streams.
        foreach (var room in new[] { roomA, roomB })
        {
            var events = (await room.GetSnapshot(0, null)).Events.OfType<BattleEvent>().ToList();
            Assert.Contains(events, e => e.Status == BattleStatus.Running && e.Sides[0].Score == 60 && e.Sides[1].Score == 10);
            Assert.Equal(a, events[^1].WinnerRoomId);
            Assert.Null((await room.GetSnapshot(null, null)).Gifts!.BattleId); // the room is free again
        }
    }

    [Fact]
    public async Task A_room_that_ends_mid_battle_ends_the_battle_for_both()
    {
        var s = new GiftScenario(fixture.Grains);
        var (roomA, a, creatorA) = await s.LiveRoom("alpha");
        var (roomB, b, creatorB) = await s.LiveRoom("beta");
        var viewer = s.User("viewer");
        await s.TopUp(viewer, 100);
        var battle = NewBattle();
        await battle.Invite(creatorA, a, b, durationSeconds: 600);
        await battle.Accept(creatorB);
        await s.Wallet(viewer).SendGift(viewer, b, "donut", 1, "b1");

        await roomA.End(creatorA);

        var ended = await Eventually.Value(() => battle.Get(), e => e.Status == BattleStatus.Ended, "the battle to end", TimeSpan.FromSeconds(5));
        Assert.Equal(BattleEndReasons.RoomEnded, ended.EndReason);
        Assert.Equal(b, ended.WinnerRoomId);
        var seenByB = (await roomB.GetSnapshot(0, null)).Events.OfType<BattleEvent>().Last();
        Assert.Equal((BattleStatus.Ended, BattleEndReasons.RoomEnded), (seenByB.Status, seenByB.EndReason));
        // Room B can battle again.
        var (_, c, creatorC) = await s.LiveRoom("gamma");
        var (_, e2, _) = await s.LiveRoom("epsilon");
        Assert.Equal(BattleStatus.Invited, (await NewBattle().Invite(creatorB, b, c, 60)).Status);
    }

    [Fact]
    public async Task Invitations_are_checked()
    {
        var s = new GiftScenario(fixture.Grains);
        var (_, a, creatorA) = await s.LiveRoom("alpha");
        var (roomB, b, creatorB) = await s.LiveRoom("beta");
        var (_, c, creatorC) = await s.LiveRoom("gamma");
        var (_, e2, _) = await s.LiveRoom("epsilon");
        var (endedRoom, e, creatorE) = await s.LiveRoom("ended");
        await endedRoom.End(creatorE);

        async Task<string> Code(Func<Task> call) => (await Assert.ThrowsAsync<LiveInteractException>(call)).Code;
        Assert.Equal(ErrorCodes.Forbidden, await Code(() => NewBattle().Invite(creatorB, a, b, 60)));
        Assert.Equal(ErrorCodes.BadRequest, await Code(() => NewBattle().Invite(creatorA, a, a, 60)));
        Assert.Equal(ErrorCodes.BadRequest, await Code(() => NewBattle().Invite(creatorA, a, b, 100_000)));
        Assert.Equal(ErrorCodes.NotLive, await Code(() => NewBattle().Invite(creatorA, a, e, 60)));
        Assert.Equal(ErrorCodes.NotFound, await Code(() => NewBattle().Accept(creatorB)));

        var aToB = NewBattle();
        await aToB.Invite(creatorA, a, b, 60);
        // One invite waiting per inviter; the invited room is not taken by it and can still invite others.
        Assert.Equal(ErrorCodes.Conflict, await Code(() => NewBattle().Invite(creatorA, a, c, 60)));
        var bToC = NewBattle();
        await bToC.Invite(creatorB, b, c, 60);
        Assert.Equal(BattleStatus.Running, (await bToC.Accept(creatorC)).Status);

        // B is in a running battle now: accepting A's invite fails as busy, for both rooms, with no cool-down.
        Assert.Equal(ErrorCodes.Conflict, await Code(() => aToB.Accept(creatorB)));
        var busy = await aToB.Get();
        Assert.Equal((BattleStatus.Declined, BattleEndReasons.Busy), (busy.Status, busy.EndReason));
        Assert.Equal(bToC.GetPrimaryKeyString(), (await roomB.GetSnapshot(null, null)).Gifts!.BattleId);
        Assert.Equal(ErrorCodes.Conflict, await Code(() => NewBattle().Invite(creatorA, a, b, 60))); // B is busy
        var (_, d, creatorD) = await s.LiveRoom("delta");

        // A declined invite makes the pair cool down, in both directions; A can invite someone else meanwhile.
        var aToD = NewBattle();
        await aToD.Invite(creatorA, a, d, 60);
        await aToD.Decline(creatorD);
        Assert.Contains("again in", (await Assert.ThrowsAsync<LiveInteractException>(() => NewBattle().Invite(creatorA, a, d, 60))).Message);
        Assert.Equal(ErrorCodes.Conflict, await Code(() => NewBattle().Invite(creatorD, d, a, 60)));
        await NewBattle().Invite(creatorA, a, e2, 60);
    }
}
