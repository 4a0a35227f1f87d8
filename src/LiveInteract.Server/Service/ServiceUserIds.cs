using System.Text.RegularExpressions;
using LiveInteract.Contracts.Errors;

namespace LiveInteract.Server.Service;

/// <summary>User ids the operator's backend may hand out: the same alphabet rooms accept for moderation targets.</summary>
public static partial class ServiceUserIds
{
    public static string Validate(string? userId) =>
        userId is not null && Pattern().IsMatch(userId)
            ? userId
            : throw new LiveInteractException(ErrorCodes.BadRequest, "userId must be 1 to 64 letters, digits, '_' or '-'");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
