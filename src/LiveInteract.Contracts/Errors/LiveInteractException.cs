namespace LiveInteract.Contracts.Errors;

/// <summary>
/// A rejected request: bad input, unknown ids, missing rights. <see cref="Code"/> is stable and
/// machine-readable; <see cref="Exception.Message"/> is short and safe to show to a user.
/// The hub turns it into a <c>HubException</c>, the REST API into a 4xx problem.
/// </summary>
[GenerateSerializer, Alias("li.LiveInteractException")]
public sealed class LiveInteractException : Exception
{
    public LiveInteractException() { Code = ErrorCodes.BadRequest; }
    public LiveInteractException(string message) : base(message) { Code = ErrorCodes.BadRequest; }
    public LiveInteractException(string message, Exception inner) : base(message, inner) { Code = ErrorCodes.BadRequest; }
    public LiveInteractException(string code, string message) : base(message) { Code = code; }

    [Id(0)] public string Code { get; init; }
}

/// <summary>Stable error codes; each maps to one HTTP status.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string RoomEnded = "room_ended";
    public const string RateLimited = "rate_limited";
    public const string NotLive = "not_live";
    public const string Unavailable = "unavailable";
    /// <summary>A creator already holds <c>Rooms:MaxOpenRoomsPerCreator</c> open rooms (409).</summary>
    public const string TooManyRooms = "too_many_rooms";
}
