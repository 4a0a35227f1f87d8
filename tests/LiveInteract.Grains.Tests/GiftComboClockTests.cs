using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Gifts;
using Microsoft.Extensions.Time.Testing;

namespace LiveInteract.Grains.Tests;

/// <summary>The combo window on a fake clock: the test moves time instead of waiting the 3 s out.</summary>
public sealed class GiftComboClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ClusterFixture _fixture;

    public GiftComboClockTests() => _fixture = new ClusterFixture { Time = _clock };

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_combo_continues_inside_the_window_and_breaks_after_it()
    {
        var window = new GiftOptions().ComboWindow;
        var s = new GiftScenario(_fixture.Grains);
        var (room, roomId, _) = await s.LiveRoom();
        var viewer = s.User("viewer");
        await s.TopUp(viewer, 10);

        await s.Wallet(viewer).SendGift(viewer, roomId, "rose", 1, "a");
        _clock.Advance(window - TimeSpan.FromMilliseconds(100));
        await s.Wallet(viewer).SendGift(viewer, roomId, "rose", 1, "b");
        _clock.Advance(window + TimeSpan.FromMilliseconds(100));
        await s.Wallet(viewer).SendGift(viewer, roomId, "rose", 1, "c");

        var gifts = (await room.GetSnapshot(0, null)).Events.OfType<GiftEvent>().ToList();
        Assert.Equal([1, 2, 1], gifts.Select(g => g.ComboCount));
        Assert.Equal(gifts[0].ComboId, gifts[1].ComboId);
        Assert.NotEqual(gifts[1].ComboId, gifts[2].ComboId);
    }
}
