using System.Security.Cryptography;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Server.Media;

/// <summary>
/// Clip files on this silo's disk (<c>{DataDirectory}/clips/{roomId}/{clipId}.gif</c>) and the list of each room's newest
/// ones. Bounded twice: at most <c>perRoom</c> clips per room (the oldest file is deleted when a new one comes) and at
/// most <c>maxRooms</c> rooms (the room whose newest clip is oldest is forgotten, files and all). Thread-safe.
/// </summary>
public sealed class ClipStore(string directory, int perRoom, int maxRooms = 1000)
{
    private readonly Dictionary<string, List<ClipInfo>> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Directory { get; } = directory;

    public string PathOf(string roomId, string clipId) => Path.Combine(Directory, roomId, clipId + ".gif");

    /// <summary>Writes the clip and lists it first for its room.</summary>
    public async Task<ClipInfo> Save(string roomId, byte[] gif, int seconds, int frames, int width, int height, string createdBy)
    {
        var clipId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var path = PathOf(roomId, clipId);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, gif);
        var info = new ClipInfo(clipId, $"/rooms/{roomId}/clips/{clipId}.gif", seconds, frames, width, height, createdBy,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var doomed = new List<string>();
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out var list))
            {
                if (_rooms.Count >= maxRooms)
                {
                    var stalest = _rooms.MinBy(r => r.Value[0].CreatedAt);
                    _rooms.Remove(stalest.Key);
                    doomed.AddRange(stalest.Value.Select(c => PathOf(stalest.Key, c.ClipId)));
                }

                _rooms[roomId] = list = [];
            }

            list.Insert(0, info);
            while (list.Count > perRoom)
            {
                doomed.Add(PathOf(roomId, list[^1].ClipId));
                list.RemoveAt(list.Count - 1);
            }
        }

        foreach (var file in doomed)
        {
            File.Delete(file);
        }

        return info;
    }

    /// <summary>The room's clips, newest first.</summary>
    public IReadOnlyList<ClipInfo> Recent(string roomId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(roomId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>True when the clip is one this store still lists (an evicted or guessed id is not served).</summary>
    public bool Has(string roomId, string clipId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(roomId, out var list) && list.Any(c => c.ClipId == clipId);
        }
    }
}
