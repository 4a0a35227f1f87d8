using System.Security.Claims;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Server.Auth;

/// <summary>Claim names in our tokens (inbound claim mapping is off, so these are what handlers see).</summary>
public static class LiveClaims
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";

    public const string Viewer = "viewer";
    public const string Creator = "creator";

    public const string CreatorPolicy = "creator";

    /// <summary>The authenticated caller as the grains see it.</summary>
    public static Actor ToActor(this ClaimsPrincipal? user)
    {
        var id = user?.FindFirst(UserId)?.Value;
        if (string.IsNullOrEmpty(id)) throw new LiveInteractException(ErrorCodes.Forbidden, "sign in first");
        return new Actor(id, user!.FindFirst(Name)?.Value ?? id);
    }
}
