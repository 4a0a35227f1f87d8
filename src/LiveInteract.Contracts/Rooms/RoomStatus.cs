using System.Text.Json.Serialization;

namespace LiveInteract.Contracts.Rooms;

[JsonConverter(typeof(JsonStringEnumConverter<RoomStatus>))]
public enum RoomStatus
{
    /// <summary>Created, not yet live: the creator can set it up, viewers can join and wait.</summary>
    [JsonStringEnumMemberName("created")] Created = 0,
    [JsonStringEnumMemberName("live")] Live = 1,
    /// <summary>Final: no new events are accepted, viewers are told with <c>RoomEnded</c>.</summary>
    [JsonStringEnumMemberName("ended")] Ended = 2,
}
