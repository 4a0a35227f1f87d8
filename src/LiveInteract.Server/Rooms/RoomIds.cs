using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LiveInteract.Contracts.Errors;

namespace LiveInteract.Server.Rooms;

/// <summary>Room ids: short, URL-safe, checked before any grain is touched.</summary>
public static partial class RoomIds
{
    public static string New() => "r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    public static string Validate(string? roomId) =>
        roomId is not null && Pattern().IsMatch(roomId)
            ? roomId
            : throw new LiveInteractException(ErrorCodes.NotFound, "room not found");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
