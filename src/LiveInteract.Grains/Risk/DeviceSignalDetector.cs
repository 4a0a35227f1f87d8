using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveInteract.Contracts.Insights;

namespace LiveInteract.Grains.Risk;

/// <summary>
/// The device signals of one room (docs/INSIGHTS.md), from the device id header a client sends: a banned user
/// returning under a new account from the same device (<c>ban_evasion</c>), and gifts into the room from a device its
/// creator uses (<c>creator_self_gifting</c>). Who uses which device is kept in memory (bounded); the banned devices
/// are the room's to store (<see cref="BanDevice"/> writes into the map it is given). Each account flags once per
/// signal. Evidence names a device by a short hash, never the raw id. Plain: tested on constructed histories.
/// </summary>
public sealed class DeviceSignalDetector(string roomId, string creatorId, RiskOptions options)
{
    private readonly Dictionary<string, string> _deviceOfUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _creatorDevices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _selfGifted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flagged = new(StringComparer.Ordinal);

    private const int MaxCreatorDevices = 16;

    /// <summary>First time for this account and signal (bounded: past the bound an account may flag again, which is harmless).</summary>
    private bool FirstFlag(string signal, string userId)
    {
        if (_flagged.Count >= options.DevicesTracked) _flagged.Clear();
        return _flagged.Add($"{signal}:{userId}");
    }

    /// <summary>A user showed up with <paramref name="device"/>; a ban-evasion flag when it is a banned user's device.</summary>
    public RiskFlag? Seen(string userId, string? device, IReadOnlyDictionary<string, string> bannedDevices, long now)
    {
        if (string.IsNullOrEmpty(device)) return null;
        if (_deviceOfUser.Count >= options.DevicesTracked && !_deviceOfUser.ContainsKey(userId)) _deviceOfUser.Clear();
        _deviceOfUser[userId] = device;
        if (userId == creatorId)
        {
            if (_creatorDevices.Count < MaxCreatorDevices || _creatorDevices.ContainsKey(device)) _creatorDevices[device] = now;
            return null;
        }
        if (!bannedDevices.TryGetValue(device, out var banned) || banned == userId || !FirstFlag(RiskSignals.BanEvasion, userId)) return null;
        var reason = $"account {userId} joined room {roomId} from device {Fingerprint(device)}, the device of {banned}, who is banned from this room";
        return new RiskFlag($"risk_{Guid.NewGuid():N}", RiskSignals.BanEvasion, reason, now, roomId, [userId, banned],
            [new RiskEvidence(banned, $"banned:device:{Fingerprint(device)}", now), new RiskEvidence(userId, $"joined:device:{Fingerprint(device)}", now)]);
    }

    /// <summary>The user is being banned: their device (if known) goes into <paramref name="bannedDevices"/>; false when none is known.</summary>
    public bool BanDevice(string userId, IDictionary<string, string> bannedDevices)
    {
        if (!_deviceOfUser.TryGetValue(userId, out var device)) return false;
        if (!bannedDevices.ContainsKey(device) && bannedDevices.Count >= options.MaxBannedDevices) bannedDevices.Remove(bannedDevices.Keys.First());
        bannedDevices[device] = userId;
        return true;
    }

    /// <summary>A gift arrived; a self-gifting flag once the sender's coins from a device of the creator reach the threshold.</summary>
    public RiskFlag? Gifted(string senderId, string? device, long coins, long now)
    {
        if (string.IsNullOrEmpty(device) || senderId == creatorId || !_creatorDevices.TryGetValue(device, out var creatorSeenAt)) return null;
        var total = _selfGifted.GetValueOrDefault(senderId) + coins;
        if (_selfGifted.Count < options.DevicesTracked || _selfGifted.ContainsKey(senderId)) _selfGifted[senderId] = total;
        if (total < options.SelfGiftingMinCoins || !FirstFlag(RiskSignals.CreatorSelfGifting, senderId)) return null;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"account {senderId} gave {total} coins into room {roomId} from device {Fingerprint(device)}, which its creator {creatorId} uses");
        return new RiskFlag($"risk_{Guid.NewGuid():N}", RiskSignals.CreatorSelfGifting, reason, now, roomId, [senderId, creatorId],
            [new RiskEvidence(creatorId, $"creator:device:{Fingerprint(device)}", creatorSeenAt), new RiskEvidence(senderId, $"gift:device:{Fingerprint(device)}", now, Coins: total)]);
    }

    /// <summary>The first 8 hex digits of the device id's SHA-256: enough for a reviewer to match, not the id itself.</summary>
    public static string Fingerprint(string device) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(device)))[..8];
}
