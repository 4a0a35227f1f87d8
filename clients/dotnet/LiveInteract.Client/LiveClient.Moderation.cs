using LiveInteract.Client.Json;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Moderation;

namespace LiveInteract.Client;

// Creator and moderator actions (hub methods) and the audit log (REST). The room decides who may act: the creator for
// everything, moderators for all but managing moderators and blocked words; others get a LiveClientException.
// Each action is announced to the room as an event (UserMutedEvent, UserBannedEvent, …). See docs/MODERATION.md.
public sealed partial class LiveClient
{
    /// <summary>Refuses <paramref name="userId"/>'s comments in the room for <paramref name="seconds"/> (0 lifts the mute).</summary>
    public Task MuteUserAsync(string roomId, string userId, int seconds, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.MuteUser, [roomId, userId, seconds], cancellationToken);

    /// <summary>Bans a user from the room: their connections are removed (they get <see cref="Updates.KickedUpdate"/>) and they cannot rejoin, comment, like or gift.</summary>
    public Task BanUserAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.BanUser, [roomId, userId], cancellationToken);

    public Task UnbanUserAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.UnbanUser, [roomId, userId], cancellationToken);

    /// <summary>Removes a comment (by <see cref="Contracts.Rooms.CommentEvent.CommentId"/>); viewers get a <see cref="Contracts.Rooms.CommentDeletedEvent"/>.</summary>
    public Task DeleteCommentAsync(string roomId, string commentId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.DeleteComment, [roomId, commentId], cancellationToken);

    /// <summary>One comment per <paramref name="seconds"/> per viewer (0 turns slow mode off).</summary>
    public Task SetSlowModeAsync(string roomId, int seconds, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.SetSlowMode, [roomId, seconds], cancellationToken);

    /// <summary>Makes a user a moderator of the room (the creator only).</summary>
    public Task AddModeratorAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.AddModerator, [roomId, userId], cancellationToken);

    public Task RemoveModeratorAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.RemoveModerator, [roomId, userId], cancellationToken);

    /// <summary>Replaces the room's keyword filter (the creator only; at most 1000 words). The words are never published.</summary>
    public Task SetBlockedWordsAsync(string roomId, IEnumerable<string> words, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.SetBlockedWords, [roomId, words.ToArray()], cancellationToken);

    /// <summary>
    /// The room's moderation audit log, newest first (creator and moderators only). For the next page pass
    /// <see cref="ModerationPage.NextBefore"/> as <paramref name="before"/>; null means there is no more.
    /// </summary>
    public Task<ModerationPage> GetModerationLogAsync(string roomId, long? before = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        var path = $"api/rooms/{Uri.EscapeDataString(roomId)}/moderation?limit={limit}" + (before is { } b ? $"&before={b}" : "");
        return _rest.GetAsync(path, LiveJsonContext.Default.ModerationPage, cancellationToken);
    }
}
