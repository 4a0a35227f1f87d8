using LiveInteract.Contracts.Auth;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Json;
using LiveInteract.Client.Rest;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client;

// REST calls under /api (rooms and auth). Gifts and wallet are in LiveClient.Gifts.cs.
public sealed partial class LiveClient
{
    /// <summary>Gets a guest token (<c>POST /api/auth/token</c>) and uses it from now on.</summary>
    public async Task<AuthToken> SignInAsGuestAsync(string name, UserRole role = UserRole.Viewer, CancellationToken cancellationToken = default)
    {
        var body = RestApi.Body(new TokenRequest(name, role == UserRole.Creator ? "creator" : "viewer"), LiveJsonContext.Default.TokenRequest);
        var token = await _rest.PostAsync("api/auth/token", body, LiveJsonContext.Default.AuthToken, cancellationToken).ConfigureAwait(false);
        _rawToken = token.Token;
        _token = token;
        return token;
    }

    /// <summary>Live rooms, most viewers first (<c>GET /api/rooms</c>).</summary>
    public async Task<IReadOnlyList<RoomListing>> ListRoomsAsync(int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = limit is { } n ? $"api/rooms?limit={n}" : "api/rooms";
        return await _rest.GetAsync(path, LiveJsonContext.Default.ListRoomListing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A room's snapshot, with the buffered events after <paramref name="lastSeq"/> (<c>GET /api/rooms/{id}</c>).</summary>
    public Task<RoomSnapshot> GetRoomAsync(string roomId, long? lastSeq = null, CancellationToken cancellationToken = default)
    {
        var path = $"api/rooms/{Uri.EscapeDataString(roomId)}" + (lastSeq is { } s ? $"?lastSeq={s}" : "");
        return _rest.GetAsync(path, LiveJsonContext.Default.RoomSnapshot, cancellationToken);
    }

    /// <summary>Creates a room (creators only). It is not live until <see cref="StartRoomAsync"/>.</summary>
    public Task<RoomSnapshot> CreateRoomAsync(string title, CancellationToken cancellationToken = default) =>
        _rest.PostAsync("api/rooms", RestApi.Body(new CreateRoomRequest(title), LiveJsonContext.Default.CreateRoomRequest),
            LiveJsonContext.Default.RoomSnapshot, cancellationToken);

    /// <summary>Goes live (the room's creator only).</summary>
    public Task<RoomSnapshot> StartRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        _rest.PostAsync($"api/rooms/{Uri.EscapeDataString(roomId)}/start", null, LiveJsonContext.Default.RoomSnapshot, cancellationToken);

    /// <summary>Ends the live (the room's creator only).</summary>
    public Task<RoomSnapshot> EndRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        _rest.PostAsync($"api/rooms/{Uri.EscapeDataString(roomId)}/end", null, LiveJsonContext.Default.RoomSnapshot, cancellationToken);
}
