using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Privacy;

/// <summary>The users a room event is about: who acted, and whom a moderation action targeted.</summary>
public static class RoomEventUsers
{
    public static IEnumerable<string> Of(RoomEvent e)
    {
        if (e.UserId is { } actor) yield return actor;
        if (Target(e) is { } target) yield return target;
    }

    public static string? Target(RoomEvent e) => e switch
    {
        UserMutedEvent m => m.TargetUserId,
        UserBannedEvent b => b.TargetUserId,
        UserUnbannedEvent u => u.TargetUserId,
        ModeratorAddedEvent a => a.TargetUserId,
        ModeratorRemovedEvent r => r.TargetUserId,
        _ => null,
    };
}
