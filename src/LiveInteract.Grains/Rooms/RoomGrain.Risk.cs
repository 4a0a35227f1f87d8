using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Risk;
using Microsoft.Extensions.Logging;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// The room's device signals (<see cref="DeviceSignalDetector"/>): who joins from which device, the banned users'
/// devices (stored with moderation), gifts from a device of the creator. A flag never delays or fails the call that
/// raised it.
/// </summary>
public sealed partial class RoomGrain
{
    private DeviceSignalDetector? _devices;

    private DeviceSignalDetector Devices => _devices ??= new DeviceSignalDetector(RoomId, State.CreatorId, riskOptions.Value);

    private void ObserveDevice(Actor actor)
    {
        if (Devices.Seen(actor.UserId, actor.DeviceId, Mod.BannedDevices, Now.ToUnixTimeMilliseconds()) is { } flag) _ = RaiseFlag(flag);
    }

    private void ObserveGiftDevice(GiftDelivery gift)
    {
        if (Devices.Gifted(gift.SenderId, gift.SenderDevice, gift.Coins, Now.ToUnixTimeMilliseconds()) is { } flag) _ = RaiseFlag(flag);
    }

    /// <summary>Remembers the banned user's device, if the room saw one; the caller's audit entry stores it.</summary>
    private void BanDevice(string userId) => Devices.BanDevice(userId, Mod.BannedDevices);

    private void UnbanDevices(string userId)
    {
        foreach (var (device, banned) in Mod.BannedDevices.ToArray())
            if (banned == userId) Mod.BannedDevices.Remove(device);
    }

    private async Task RaiseFlag(Contracts.Insights.RiskFlag flag)
    {
        try
        {
            await GrainFactory.Raise(flag, flag.At);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Room {RoomId}: risk flag {FlagId} not stored or not queued", RoomId, flag.Id);
        }
    }
}
