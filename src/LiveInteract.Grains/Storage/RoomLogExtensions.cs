using LiveInteract.Grains.Rooms.Log;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using StackExchange.Redis;

namespace LiveInteract.Grains.Storage;

public static class RoomLogExtensions
{
    /// <summary>The room event log in Redis (Cluster).</summary>
    public static ISiloBuilder AddRedisRoomLog(this ISiloBuilder silo, ConfigurationOptions redis)
    {
        silo.Services.AddSingleton<IRoomEventLog>(sp => new RedisRoomEventLog(
            ConnectionMultiplexer.Connect(redis.Clone()), sp.GetRequiredService<Serializer>()));
        return silo;
    }
}
