using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Rooms.Log;
using Orleans.Serialization;
using StackExchange.Redis;

namespace LiveInteract.Grains.Storage;

/// <summary>
/// The room event log in the Cluster profile: one Redis sorted set per room (<c>li:room-log:{roomId}</c>), score =
/// seq, member = the Orleans-serialized event. An append is one MULTI/EXEC: for each event remove whatever holds its
/// seq and add it (an idempotent upsert), then drop the scores retention gave up.
/// </summary>
public sealed class RedisRoomEventLog(IConnectionMultiplexer redis, Serializer serializer) : IRoomEventLog
{
    private static RedisKey Key(string roomId) => $"li:room-log:{roomId}";

    public async Task<long> Append(string roomId, IReadOnlyList<RoomEvent> events, long dropUpToSeq)
    {
        var key = Key(roomId);
        var transaction = redis.GetDatabase().CreateTransaction();
        var pending = new List<Task>(events.Count * 2 + 1);
        long bytes = 0;
        foreach (var e in events)
        {
            var payload = serializer.SerializeToArray<RoomEvent>(e);
            bytes += payload.Length;
            pending.Add(transaction.SortedSetRemoveRangeByScoreAsync(key, e.Seq, e.Seq));
            pending.Add(transaction.SortedSetAddAsync(key, payload, e.Seq));
        }
        if (dropUpToSeq > 0) pending.Add(transaction.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, dropUpToSeq));
        if (!await transaction.ExecuteAsync()) throw new RedisException($"room log append for {roomId} was not committed");
        await Task.WhenAll(pending);
        return bytes;
    }

    public async Task<IReadOnlyList<RoomEvent>> Read(string roomId, long afterSeq, long upToSeq, int max)
    {
        if (upToSeq <= afterSeq || max <= 0) return [];
        var values = await redis.GetDatabase().SortedSetRangeByScoreAsync(Key(roomId), afterSeq, upToSeq, Exclude.Start, Order.Ascending, 0, max);
        return Decode(values);
    }

    public async Task<IReadOnlyList<RoomEvent>> ReadLatest(string roomId, int count)
    {
        if (count <= 0) return [];
        var values = await redis.GetDatabase().SortedSetRangeByRankAsync(Key(roomId), -count, -1, Order.Ascending);
        return Decode(values);
    }

    private List<RoomEvent> Decode(RedisValue[] values) =>
        [.. values.Select(v => serializer.Deserialize<RoomEvent>((byte[])v!)!)];
}
