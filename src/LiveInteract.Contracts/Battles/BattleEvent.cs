using System.Text.Json.Serialization;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Battles;

/// <summary>
/// A battle between two live rooms as both rooms' viewers see it: pushed into both room streams when it is
/// invited, starts, when a score changes, and with the result when it ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.BattleEvent")]
public sealed record BattleEvent(
    [property: Id(0)] string BattleId,
    [property: Id(1)] BattleStatus Status,
    [property: Id(2)] IReadOnlyList<BattleSide> Sides,
    [property: Id(3)] long? EndsAt,
    [property: Id(4)] string? WinnerRoomId,
    [property: Id(5)] string? EndReason) : RoomEvent;

/// <summary>One side of a battle: a room, its creator and the coins gifted in it since the battle started.</summary>
[GenerateSerializer, Immutable, Alias("li.BattleSide")]
public sealed record BattleSide(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string CreatorId,
    [property: Id(2)] long Score);

[JsonConverter(typeof(JsonStringEnumConverter<BattleStatus>))]
public enum BattleStatus
{
    [JsonStringEnumMemberName("invited")] Invited = 0,
    [JsonStringEnumMemberName("running")] Running = 1,
    [JsonStringEnumMemberName("ended")] Ended = 2,
    [JsonStringEnumMemberName("declined")] Declined = 3,
}

/// <summary>Why a battle ended.</summary>
public static class BattleEndReasons
{
    public const string TimeUp = "time_up";
    public const string RoomEnded = "room_ended";
    public const string Expired = "invite_expired";
    public const string Declined = "declined";
    /// <summary>One of the rooms was in another battle when this one was to start.</summary>
    public const string Busy = "busy";
}
