using System.Text.RegularExpressions;
using LiveInteract.Contracts.Errors;

namespace LiveInteract.Server.Rooms;

/// <summary>
/// Room ids: short and URL-safe, checked before any grain is touched. Whether an id was ever issued is
/// <see cref="RoomIdIssuer"/>'s question (asked for every route and hub method with a roomId).
/// </summary>
public static partial class RoomIds
{
    public static string Validate(string? roomId) =>
        roomId is not null && Pattern().IsMatch(roomId)
            ? roomId
            : throw new LiveInteractException(ErrorCodes.NotFound, "room not found");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
