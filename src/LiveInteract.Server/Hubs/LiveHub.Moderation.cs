using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Hub;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Hubs;

/// <summary>
/// Creator and moderator methods. The hub refuses callers without a valid, unexpired member token (guests included);
/// the room grain decides who is creator or moderator of that room and refuses everyone else, so a direct grain call
/// gets the same answer.
/// </summary>
public sealed partial class LiveHub
{
    public const int MaxBlockedWordsPerCall = 1000;

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.MuteUser)]
    public Task MuteUser(string roomId, string userId, int seconds) =>
        Room(RoomIds.Validate(roomId)).MuteUser(Context.User.ToActor(), userId, seconds);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.BanUser)]
    public Task BanUser(string roomId, string userId) =>
        Room(RoomIds.Validate(roomId)).BanUser(Context.User.ToActor(), userId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.UnbanUser)]
    public Task UnbanUser(string roomId, string userId) =>
        Room(RoomIds.Validate(roomId)).UnbanUser(Context.User.ToActor(), userId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.DeleteComment)]
    public Task DeleteComment(string roomId, string commentId) =>
        Room(RoomIds.Validate(roomId)).DeleteComment(Context.User.ToActor(), commentId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SetSlowMode)]
    public Task SetSlowMode(string roomId, int seconds) =>
        Room(RoomIds.Validate(roomId)).SetSlowMode(Context.User.ToActor(), seconds);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.AddModerator)]
    public Task AddModerator(string roomId, string userId) =>
        Room(RoomIds.Validate(roomId)).AddModerator(Context.User.ToActor(), userId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.RemoveModerator)]
    public Task RemoveModerator(string roomId, string userId) =>
        Room(RoomIds.Validate(roomId)).RemoveModerator(Context.User.ToActor(), userId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SetBlockedWords)]
    public Task SetBlockedWords(string roomId, IReadOnlyList<string> words)
    {
        if (words is null || words.Count > MaxBlockedWordsPerCall)
            throw new LiveInteractException(ErrorCodes.BadRequest, "words must be a list of at most 1000 words");
        return Room(RoomIds.Validate(roomId)).SetBlockedWords(Context.User.ToActor(), words);
    }
}
