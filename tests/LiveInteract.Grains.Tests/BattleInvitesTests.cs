using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Rooms;

namespace LiveInteract.Grains.Tests;

public sealed class BattleInvitesTests
{
    private const long Minute = 60_000;

    [Fact]
    public void An_unanswered_invite_expires_and_frees_the_inviter()
    {
        var invites = new BattleInvites();
        invites.Offer("b1", "other", outgoing: true, nowMs: 0, expiresAtMs: 30_000);
        Assert.Throws<LiveInteractException>(() => invites.Offer("b2", "third", outgoing: true, nowMs: 29_999, expiresAtMs: 60_000));
        invites.Offer("b3", "third", outgoing: true, nowMs: 30_000, expiresAtMs: 60_000);
        Assert.Equal(["b3"], invites.Pending.Select(p => p.BattleId));
    }

    [Fact]
    public void Incoming_invites_are_bounded_and_do_not_stop_the_room_inviting()
    {
        var invites = new BattleInvites();
        for (var i = 0; i < BattleInvites.MaxIncoming; i++) invites.Offer($"in{i}", $"room{i}", outgoing: false, nowMs: 0, expiresAtMs: Minute);
        var refused = Assert.Throws<LiveInteractException>(() => invites.Offer("one-more", "late", outgoing: false, nowMs: 0, expiresAtMs: Minute));
        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        invites.Offer("mine", "elsewhere", outgoing: true, nowMs: 0, expiresAtMs: Minute);
        Assert.Equal(BattleInvites.MaxIncoming + 1, invites.Pending.Count);
    }

    [Fact]
    public void A_declined_pair_cools_down_both_ways_until_its_time_and_the_list_stays_bounded()
    {
        var invites = new BattleInvites();
        invites.Offer("b1", "other", outgoing: true, nowMs: 0, expiresAtMs: Minute);
        invites.Close("b1", "other", nowMs: 1_000, cooldownUntilMs: 2 * Minute);
        Assert.Throws<LiveInteractException>(() => invites.Offer("b2", "other", outgoing: true, nowMs: Minute, expiresAtMs: 2 * Minute));
        Assert.Throws<LiveInteractException>(() => invites.Offer("b3", "other", outgoing: false, nowMs: Minute, expiresAtMs: 2 * Minute));
        invites.Offer("b4", "other", outgoing: true, nowMs: 2 * Minute, expiresAtMs: 3 * Minute);

        // A flood of declines keeps only the newest cool-downs.
        for (var i = 0; i < 3 * BattleInvites.MaxCooldowns; i++) invites.Close($"x{i}", $"room{i}", nowMs: 2 * Minute, cooldownUntilMs: 10 * Minute + i);
        Assert.Equal(BattleInvites.MaxCooldowns, invites.CooldownUntil.Count);
        Assert.Contains($"room{3 * BattleInvites.MaxCooldowns - 1}", invites.CooldownUntil.Keys);
    }
}
