using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Risk;

namespace LiveInteract.Grains.Tests.Risk;

/// <summary>The device signals of a room on constructed histories: ban evasion, a creator's own accounts, and honest twins.</summary>
public sealed class DeviceSignalDetectorTests
{
    private const long T0 = 1_767_607_200_000;
    private static readonly RiskOptions Options = new();

    [Fact]
    public void A_banned_users_device_under_a_new_account_is_ban_evasion_once()
    {
        var d = new DeviceSignalDetector("r1", "cleo", Options);
        var banned = new Dictionary<string, string>();
        Assert.Null(d.Seen("troll", "dev-1", banned, T0));
        Assert.True(d.BanDevice("troll", banned));
        Assert.Equal("troll", banned["dev-1"]);

        var flag = d.Seen("troll2", "dev-1", banned, T0 + 60_000);
        Assert.NotNull(flag);
        Assert.Equal((RiskSignals.BanEvasion, "r1"), (flag!.Signal, flag.RoomId));
        Assert.Equal(["troll2", "troll"], flag.UserIds);
        Assert.Contains(DeviceSignalDetector.Fingerprint("dev-1"), flag.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-1", flag.Reason, StringComparison.Ordinal);
        Assert.Null(d.Seen("troll2", "dev-1", banned, T0 + 120_000)); // once
    }

    [Fact]
    public void Other_devices_no_device_and_the_banned_user_themself_are_not_ban_evasion()
    {
        var d = new DeviceSignalDetector("r1", "cleo", Options);
        var banned = new Dictionary<string, string>();
        d.Seen("troll", "dev-1", banned, T0);
        d.BanDevice("troll", banned);
        Assert.Null(d.Seen("fan", "dev-2", banned, T0));
        Assert.Null(d.Seen("fan2", null, banned, T0));
        Assert.Null(d.Seen("troll", "dev-1", banned, T0));
        // A user the room never saw with a device: nothing to remember.
        Assert.False(d.BanDevice("stranger", banned));
    }

    [Fact]
    public void Gifts_from_a_device_the_creator_uses_are_self_gifting_and_other_devices_are_not()
    {
        var d = new DeviceSignalDetector("r1", "cleo", Options);
        var none = new Dictionary<string, string>();
        d.Seen("cleo", "studio-laptop", none, T0);
        Assert.Null(d.Gifted("fan", "fan-phone", 299, T0 + 1));
        Assert.Null(d.Gifted("fan2", null, 299, T0 + 2));
        var flag = d.Gifted("sock", "studio-laptop", 299, T0 + 3);
        Assert.NotNull(flag);
        Assert.Equal((RiskSignals.CreatorSelfGifting, "r1"), (flag!.Signal, flag.RoomId));
        Assert.Equal(["sock", "cleo"], flag.UserIds);
        Assert.Equal(299, flag.Evidence[^1].Coins);
        Assert.Null(d.Gifted("sock", "studio-laptop", 299, T0 + 4)); // once
    }

    [Fact]
    public void Self_gifting_waits_for_its_threshold()
    {
        var d = new DeviceSignalDetector("r1", "cleo", new RiskOptions { SelfGiftingMinCoins = 500 });
        d.Seen("cleo", "studio-laptop", new Dictionary<string, string>(), T0);
        Assert.Null(d.Gifted("sock", "studio-laptop", 299, T0 + 1));
        Assert.Equal(598, d.Gifted("sock", "studio-laptop", 299, T0 + 2)!.Evidence[^1].Coins);
    }
}
