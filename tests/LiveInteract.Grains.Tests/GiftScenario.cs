using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

/// <summary>Fresh users and live rooms for one gift test, and the money invariant over them.</summary>
internal sealed class GiftScenario(IGrainFactory grains)
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _wallets = [];
    private readonly List<string> _creators = [];

    public long ToppedUp { get; private set; }

    public Actor User(string name)
    {
        var actor = new Actor($"{name}-{_tag}", name);
        _wallets.Add(actor.UserId);
        return actor;
    }

    public async Task<(IRoomGrain Room, string RoomId, Actor Creator)> LiveRoom(string creatorName = "creator")
    {
        var creator = User(creatorName);
        _creators.Add(creator.UserId);
        var roomId = $"room-{Guid.NewGuid():N}";
        var room = grains.GetGrain<IRoomGrain>(roomId);
        await room.Create(creator, "Gift room");
        await room.Start(creator);
        return (room, roomId, creator);
    }

    public IWalletGrain Wallet(Actor user) => grains.GetGrain<IWalletGrain>(user.UserId);

    public async Task TopUp(Actor user, long coins)
    {
        await Wallet(user).TopUp(coins);
        ToppedUp += coins;
    }

    public Task<CreatorEarnings> Earnings(Actor creator) => grains.GetGrain<ICreatorGrain>(creator.UserId).GetEarnings();

    /// <summary>Sum of all wallets and all creator earnings of this scenario; equals <see cref="ToppedUp"/> when nothing is lost or made.</summary>
    public async Task<long> CoinsInSystem()
    {
        long total = 0;
        foreach (var w in _wallets) total += (await grains.GetGrain<IWalletGrain>(w).Get()).Balance;
        foreach (var c in _creators) total += (await grains.GetGrain<ICreatorGrain>(c).GetEarnings()).Coins;
        return total;
    }

    /// <summary>Waits until every wallet's outbox is delivered (the wallets retry on their own; this only polls).</summary>
    public Task AllDelivered() =>
        Eventually.Value(PendingDeliveries, pending => pending == 0, "every wallet's outbox to be delivered");

    private async Task<int> PendingDeliveries()
    {
        var pending = 0;
        foreach (var w in _wallets) pending += (await grains.GetGrain<IWalletGrain>(w).Get()).PendingDeliveries;
        return pending;
    }

    public static string Key() => Guid.NewGuid().ToString("N");
}
