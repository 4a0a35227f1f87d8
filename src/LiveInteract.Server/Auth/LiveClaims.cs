using System.Security.Claims;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Server.Auth;

/// <summary>Claim names in our tokens (inbound claim mapping is off, so these are what handlers see).</summary>
public static class LiveClaims
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>One claim per room the holder moderates (tokens from the service API or a mapped identity provider).</summary>
    public const string ModeratorOf = "mod";

    public const string Viewer = "viewer";
    public const string Creator = "creator";
    /// <summary>Watch-only visitor (see docs/MODERATION.md): may join rooms, may not comment, like, gift or moderate.</summary>
    public const string Guest = Roles.Guest;

    public const string CreatorPolicy = "creator";
    /// <summary>Signed-in viewers and creators: everything that writes to a room. Guests fail it.</summary>
    public const string MemberPolicy = "member";

    /// <summary>The authenticated caller as the grains see it.</summary>
    public static Actor ToActor(this ClaimsPrincipal? user)
    {
        var id = user?.FindFirst(UserId)?.Value;
        if (string.IsNullOrEmpty(id)) throw new LiveInteractException(ErrorCodes.Forbidden, "sign in first");
        string[] moderates = [.. user!.FindAll(ModeratorOf).Select(c => c.Value)];
        return new Actor(id, user.FindFirst(Name)?.Value ?? id)
        {
            Role = user.FindFirst(Role)?.Value ?? Viewer,
            ModeratorOf = moderates.Length == 0 ? null : moderates,
        };
    }
}
