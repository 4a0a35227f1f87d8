using System.Collections.Concurrent;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms.Log;

namespace LiveInteract.Grains.Tests;

/// <summary>
/// The real SQLite room log, except that the next N appends of a chosen room fail (storage unreachable), as armed by
/// a test. Static because the silo builds its own instance.
/// </summary>
public sealed class FailingRoomEventLog(IRoomEventLog inner) : IRoomEventLog
{
    private static readonly ConcurrentDictionary<string, int> FailuresLeft = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> Failed = new(StringComparer.Ordinal);

    public static void FailNextAppends(string roomId, int count) => FailuresLeft[roomId] = count;

    public static int FailedAppends(string roomId) => Failed.GetValueOrDefault(roomId);

    public Task<long> Append(string roomId, IReadOnlyList<RoomEvent> events, long dropUpToSeq)
    {
        if (FailuresLeft.TryGetValue(roomId, out var left) && left > 0)
        {
            FailuresLeft[roomId] = left - 1;
            Failed.AddOrUpdate(roomId, 1, (_, n) => n + 1);
            throw new IOException($"room log for {roomId} is unavailable (test)");
        }
        return inner.Append(roomId, events, dropUpToSeq);
    }

    public Task<IReadOnlyList<RoomEvent>> Read(string roomId, long afterSeq, long upToSeq, int max) => inner.Read(roomId, afterSeq, upToSeq, max);

    public Task<IReadOnlyList<RoomEvent>> ReadLatest(string roomId, int count) => inner.ReadLatest(roomId, count);
}
