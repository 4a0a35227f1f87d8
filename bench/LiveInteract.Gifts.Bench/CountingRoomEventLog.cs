using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms.Log;

namespace LiveInteract.Gifts.Bench;

/// <summary>The real room log, counting the event bytes each append writes.</summary>
public sealed class CountingRoomEventLog(IRoomEventLog inner) : IRoomEventLog
{
    private long _bytes;

    public static CountingRoomEventLog? Instance { get; private set; }

    public long Bytes => Interlocked.Read(ref _bytes);

    public CountingRoomEventLog Register()
    {
        Instance = this;
        return this;
    }

    public async Task<long> Append(string roomId, IReadOnlyList<RoomEvent> events, long dropUpToSeq)
    {
        var bytes = await inner.Append(roomId, events, dropUpToSeq);
        Interlocked.Add(ref _bytes, bytes);
        return bytes;
    }

    public Task<IReadOnlyList<RoomEvent>> Read(string roomId, long afterSeq, long upToSeq, int max) => inner.Read(roomId, afterSeq, upToSeq, max);

    public Task<IReadOnlyList<RoomEvent>> ReadLatest(string roomId, int count) => inner.ReadLatest(roomId, count);
}
