using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Insights;
using LiveInteract.Grains.Privacy;

namespace LiveInteract.Grains.Tests.Privacy;

/// <summary>Erase and retention of a live's viewer-level records: who goes, every figure stays.</summary>
public sealed class RoomInsightsPrivacyTests
{
    private const long T0 = 1_767_607_200_000;
    private const long Minute = 60_000;

    private static RoomInsightsRecorder EndedLive()
    {
        var r = new RoomInsightsRecorder(new RoomInsightsState(), new InsightsOptions());
        r.ApplyRoom("cleo", "Cleo", "Live", RoomStatus.Live, T0);
        r.ApplyPresence("s1", ["zed", "ana"], [], full: false, T0);
        r.ApplyEvents([
            new GiftEvent("rose", "Rose", 30, 3, GiftTier.Small, "zed:1", 3, 30) { Seq = 1, UserId = "zed", DisplayName = "Zed Q" },
            new GiftEvent("rose", "Rose", 10, 1, GiftTier.Small, "ana:1", 1, 40) { Seq = 2, UserId = "ana", DisplayName = "Ana" },
        ], T0 + Minute);
        r.Classify(["zed", "ana"], ["ana"]);
        r.ApplyPresence("s1", [], ["zed"], full: false, T0 + 2 * Minute);
        r.Finish(T0 + 3 * Minute);
        return r;
    }

    [Fact]
    public void Erase_moves_the_users_records_to_the_pseudonym_and_keeps_the_figures()
    {
        var r = EndedLive();
        var before = r.View("room", T0 + 3 * Minute, 10);
        Assert.Equal(30, r.UserData("room", "zed")!.Gifts!.Coins);

        Assert.True(r.Erase(new Erasure("zed", "erased-1"), T0 + 4 * Minute));

        var after = r.View("room", T0 + 4 * Minute, 10);
        Assert.Equal(before.Headline, after.Headline);
        Assert.Null(r.UserData("room", "zed"));
        Assert.Equal([("erased-1", Erasure.ErasedName, 30L), ("ana", "Ana", 10L)], after.TopGifters.Select(g => (g.UserId, g.DisplayName, g.Coins)));
        Assert.False(r.Erase(new Erasure("zed", "erased-2"), T0 + 5 * Minute));
    }

    [Fact]
    public void Retention_makes_viewers_and_gifters_anonymous_only_after_the_end_and_keeps_the_figures()
    {
        var r = new RoomInsightsRecorder(new RoomInsightsState(), new InsightsOptions());
        r.ApplyRoom("cleo", "Cleo", "Live", RoomStatus.Live, T0);
        r.ApplyPresence("s1", ["zed"], [], full: false, T0);
        Assert.False(r.ExpireViewers()); // still live

        r = EndedLive();
        var before = r.View("room", T0 + 3 * Minute, 10);
        Assert.True(r.ExpireViewers());
        var after = r.View("room", T0 + 3 * Minute, 10);
        Assert.Equal(before.Headline, after.Headline);
        Assert.Equal([("expired-1", "", 30L), ("expired-2", "", 10L)], after.TopGifters.Select(g => (g.UserId, g.DisplayName, g.Coins)));
        Assert.DoesNotContain("zed", r.State.Viewers.Keys);
        Assert.False(r.ExpireViewers()); // once
    }
}
