using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Privacy;

namespace LiveInteract.Grains.Tests.Privacy;

/// <summary>The erase rules on constructed records: the user goes, amounts, times and other users stay.</summary>
public sealed class ErasureTests
{
    private static readonly Erasure Zed = new("zed", "erased-1");

    [Fact]
    public void A_comment_by_the_user_loses_its_text_name_and_id_and_keeps_its_seq_and_time()
    {
        var comment = new CommentEvent("c5", "my phone is 555-0100") { Seq = 5, At = 1000, UserId = "zed", DisplayName = "Zed Q" };
        var scrubbed = Assert.IsType<CommentEvent>(Zed.Scrub(comment));
        Assert.Equal(("c5", "", 5L, 1000L, "erased-1", Erasure.ErasedName),
            (scrubbed.CommentId, scrubbed.Text, scrubbed.Seq, scrubbed.At, scrubbed.UserId, scrubbed.DisplayName));
    }

    [Fact]
    public void Events_that_do_not_name_the_user_are_left_alone()
    {
        Assert.Null(Zed.Scrub(new CommentEvent("c1", "hello zed") { Seq = 1, UserId = "ana", DisplayName = "Ana" }));
        Assert.Null(Zed.Scrub(new UserBannedEvent("ben") { Seq = 2, UserId = "cleo" }));
        Assert.False(Zed.Mentions(new UserBannedEvent("ben") { Seq = 2, UserId = "cleo" }));
    }

    [Fact]
    public void A_moderation_target_a_gift_and_a_board_line_are_pseudonymised_with_their_amounts()
    {
        var ban = Assert.IsType<UserBannedEvent>(Zed.Scrub(new UserBannedEvent("zed") { Seq = 3, UserId = "cleo", DisplayName = "Cleo" }));
        Assert.Equal(("erased-1", "cleo", "Cleo"), (ban.TargetUserId, ban.UserId, ban.DisplayName));

        var gift = Assert.IsType<GiftEvent>(Zed.Scrub(new GiftEvent("rose", "Rose", 50, 5, GiftTier.Small, "zed:7", 5, 90) { Seq = 4, UserId = "zed", DisplayName = "Zed Q" }));
        Assert.Equal(("erased-1:7", 50L, 90L, Erasure.ErasedName), (gift.ComboId, gift.Coins, gift.RoomTotal, gift.DisplayName));

        var board = Assert.IsType<GiftBoardEvent>(Zed.Scrub(new GiftBoardEvent([new TopGifter("zed", "Zed Q", 50), new TopGifter("ana", "Ana", 40)], 90) { Seq = 6 }));
        Assert.Equal([new TopGifter("erased-1", Erasure.ErasedName, 50), new TopGifter("ana", "Ana", 40)], board.Top);
        Assert.Equal(90, board.TotalCoins);
    }

    [Fact]
    public void A_pinned_comment_of_the_user_loses_its_text()
    {
        var pinned = Assert.IsType<PinnedEvent>(Zed.Scrub(new PinnedEvent(new PinnedItem(PinnedItem.Comment, "c5", "secret", "zed", "Zed Q", 10)) { Seq = 7, UserId = "cleo" }));
        Assert.Equal(("", "erased-1", Erasure.ErasedName), (pinned.Item.Text, pinned.Item.UserId, pinned.Item.DisplayName));
    }

    [Fact]
    public void An_audit_entry_names_the_pseudonym_as_actor_or_target()
    {
        var asTarget = Zed.Scrub(new ModerationRecord(1, 10, "cleo", "Cleo", ModerationActions.Ban, "zed", null));
        Assert.Equal(("cleo", "Cleo", "erased-1"), (asTarget.ActorId, asTarget.ActorName, asTarget.TargetUserId));
        var asActor = Zed.Scrub(new ModerationRecord(2, 11, "zed", "Zed Q", ModerationActions.Ban, "ana", null));
        Assert.Equal(("erased-1", Erasure.ErasedName, "ana"), (asActor.ActorId, asActor.ActorName, asActor.TargetUserId));
    }

    [Fact]
    public void A_risk_flag_keeps_its_evidence_amounts_and_loses_the_users_id_and_text()
    {
        var flag = new RiskFlag("r1", RiskSignals.SpamBurst, "accounts zed and ana posted", 100, "room", ["zed", "ana"],
            [new RiskEvidence("zed", "c1", 90, "buy followers"), new RiskEvidence("ana", "c2", 95, "buy followers"), new RiskEvidence("zed", "ledger:2", 96, Coins: 300)]);
        Assert.True(Zed.Mentions(flag));
        var scrubbed = Zed.Scrub(flag);
        Assert.Equal("accounts erased-1 and ana posted", scrubbed.Reason);
        Assert.Equal(["erased-1", "ana"], scrubbed.UserIds);
        Assert.Equal([new RiskEvidence("erased-1", "c1", 90, ""), new RiskEvidence("ana", "c2", 95, "buy followers"), new RiskEvidence("erased-1", "ledger:2", 96, Coins: 300)], scrubbed.Evidence);
    }

    [Fact]
    public void Rekey_moves_an_entry_to_the_pseudonym_and_reports_whether_there_was_one()
    {
        var marks = new Dictionary<string, long> { ["zed"] = 7, ["ana"] = 3 };
        Assert.True(Zed.Rekey(marks));
        Assert.Equal(new Dictionary<string, long> { ["erased-1"] = 7, ["ana"] = 3 }, marks);
        Assert.False(Zed.Rekey(marks));
        var set = new HashSet<string> { "zed" };
        Assert.True(Zed.Rekey(set));
        Assert.Equal(["erased-1"], set);
    }

    [Fact]
    public void Each_erase_gets_its_own_pseudonym()
    {
        Assert.NotEqual(Erasure.For("zed").Pseudonym, Erasure.For("zed").Pseudonym);
        Assert.DoesNotContain("zed", Erasure.For("zed").Pseudonym, StringComparison.Ordinal);
    }
}
