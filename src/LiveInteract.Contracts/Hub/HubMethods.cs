namespace LiveInteract.Contracts.Hub;

/// <summary>
/// Every method name of the <c>/hubs/live</c> hub, both directions. The hub declares its methods with these
/// names (<c>[HubMethodName]</c>) and every client (SDK, CLI, load tool, tests) invokes and listens by them, so no
/// hub method name is written as a string anywhere else.
/// </summary>
public static class HubMethods
{
    // Client to server (LiveHub).
    public const string JoinRoom = nameof(JoinRoom);
    public const string LeaveRoom = nameof(LeaveRoom);
    public const string SendComment = nameof(SendComment);
    public const string SendLike = nameof(SendLike);
    public const string SendGift = nameof(SendGift);
    public const string SetFilters = nameof(SetFilters);
    public const string MuteUser = nameof(MuteUser);
    public const string BanUser = nameof(BanUser);
    public const string UnbanUser = nameof(UnbanUser);
    public const string DeleteComment = nameof(DeleteComment);
    public const string SetSlowMode = nameof(SetSlowMode);
    public const string AddModerator = nameof(AddModerator);
    public const string RemoveModerator = nameof(RemoveModerator);
    public const string SetBlockedWords = nameof(SetBlockedWords);

    // Server to client (ILiveClient).
    public const string Events = nameof(ILiveClient.Events);
    public const string ViewerCount = nameof(ILiveClient.ViewerCount);
    public const string RoomEnded = nameof(ILiveClient.RoomEnded);
    public const string Kicked = nameof(ILiveClient.Kicked);
    public const string Lagged = nameof(ILiveClient.Lagged);

    /// <summary>What a client may invoke.</summary>
    public static IReadOnlyList<string> ServerMethods { get; } =
    [
        JoinRoom, LeaveRoom, SendComment, SendLike, SendGift, SetFilters, MuteUser, BanUser, UnbanUser,
        DeleteComment, SetSlowMode, AddModerator, RemoveModerator, SetBlockedWords,
    ];

    /// <summary>What the server sends to clients.</summary>
    public static IReadOnlyList<string> ClientMethods { get; } = [Events, ViewerCount, RoomEnded, Kicked, Lagged];
}
