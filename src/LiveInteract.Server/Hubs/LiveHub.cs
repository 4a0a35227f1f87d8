using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Filters;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Media;
using LiveInteract.Server.Relays;
using LiveInteract.Server.Rooms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using LiveInteract.Grains.Risk;
using LiveInteract.Server.Insights;

namespace LiveInteract.Server.Hubs;

/// <summary>
/// The viewer and creator hub at <c>/hubs/live</c>. Joining goes through this silo's relay for the room;
/// events reach viewers from the relay, never by a grain call per viewer.
/// </summary>
[Authorize]
public sealed partial class LiveHub(IGrainFactory grains, RoomRelayRegistry relays, Microsoft.Extensions.Options.IOptions<LiveInteract.Server.Abuse.AbuseOptions> abuse) : Hub<ILiveClient>
{
    public const int MaxLikesPerCall = 100;
    public const int MaxFilters = 8;

    [HubMethodName(HubMethods.JoinRoom)]
    public async Task<RoomSnapshot> JoinRoom(string roomId, long? lastSeq, IOptions<RiskOptions> risk)
    {
        RoomIds.Validate(roomId);
        var actor = Context.User.ToActor().WithDevice(Context.GetHttpContext(), risk.Value);
        // Each joined room holds a relay reference and a place in its viewer list: one connection cannot hold them all.
        var joined = JoinedRooms();
        var rejoin = joined.ContainsKey(roomId);
        var max = abuse.Value.MaxRoomsPerConnection;
        if (!rejoin && joined.Count >= max)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"a connection can be in at most {max} rooms; leave one first");
        var relay = await relays.Acquire(roomId);
        try
        {
            // The relay makes the viewer a member, then the room checks the ban and returns the snapshot up to that
            // point, in one call shared with the joins that arrived meanwhile (RoomJoinBatcher).
            RoomSnapshot snapshot;
            try { snapshot = await relay.Join(Context.ConnectionId, actor, lastSeq); }
            catch when (!rejoin)
            {
                await relay.RemoveViewer(Context.ConnectionId);
                throw;
            }
            if (!joined.TryAdd(roomId, relay)) relays.Release(relay); // joined twice: keep one reference
            return snapshot;
        }
        catch
        {
            if (!joined.ContainsKey(roomId)) relays.Release(relay);
            throw;
        }
    }

    [HubMethodName(HubMethods.LeaveRoom)]
    public async Task LeaveRoom(string roomId)
    {
        if (JoinedRooms().Remove(roomId, out var relay)) await Leave(relay);
    }

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SendComment)]
    public Task<CommentReceipt> SendComment(string roomId, string text) =>
        Room(RoomIds.Validate(roomId)).SendComment(Context.User.ToActor(), text);

    /// <summary>Likes are summed on this silo and reach the room a few times a second as one number.</summary>
    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SendLike)]
    public void SendLike(string roomId, int count)
    {
        if (count is < 1 or > MaxLikesPerCall)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"count must be between 1 and {MaxLikesPerCall}");
        if (!JoinedRooms().TryGetValue(roomId, out var relay)) throw new LiveInteractException(ErrorCodes.BadRequest, "join the room first");
        if (relay.Ended) throw new LiveInteractException(ErrorCodes.RoomEnded, "room has ended");
        if (relay.IsBanned(Context.User.ToActor().UserId)) throw new LiveInteractException(ErrorCodes.Forbidden, "you are banned from this room");
        relay.AddLikes(count);
    }

    /// <summary>
    /// Sends a paid gift. The wallet debits exactly once per idempotency key: a retry with the same key returns the
    /// first receipt (see docs/GIFTS.md).
    /// </summary>
    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SendGift)]
    public async Task<GiftReceipt> SendGift(string roomId, string giftId, int count, string idempotencyKey, IOptions<RiskOptions> risk)
    {
        var actor = Context.User.ToActor().WithDevice(Context.GetHttpContext(), risk.Value);
        // Banned users and guests cannot gift in the room (docs/MODERATION.md).
        await Room(RoomIds.Validate(roomId)).EnsureCanInteract(actor);
        return await grains.GetGrain<IWalletGrain>(actor.UserId).SendGift(actor, roomId, giftId, count, idempotencyKey);
    }


    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SetFilters)]
    public async Task SetFilters(string roomId, IReadOnlyList<FilterSpec> filters, RoomMediaRegistry media)
    {
        if (filters is null || filters.Count > MaxFilters)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"at most {MaxFilters} filters");
        // Validate kinds and options before the room stores and announces the chain.
        FilterChain chain;
        try { chain = FilterChain.Parse(filters); }
        catch (InvalidFilterException ex) { throw ex.ToLiveInteractException(); }
        // The room stores and replays the canonical chain, never the caller's raw specs (padding, unknown spellings).
        var canonical = chain.Specs;
        await Room(RoomIds.Validate(roomId)).SetFilters(Context.User.ToActor(), canonical);
        // The stream's own silo re-reads the room within Media:SyncInterval; when it is this one, apply now.
        media.Find(roomId)?.SetFilters(canonical);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var joined = JoinedRooms();
        foreach (var relay in joined.Values) await Leave(relay);
        joined.Clear();
    }

    private async Task Leave(RoomRelay relay)
    {
        try { await relay.RemoveViewer(Context.ConnectionId); }
        finally { relays.Release(relay); }
    }

    private IRoomGrain Room(string roomId) => grains.GetGrain<IRoomGrain>(roomId);

    // Rooms this connection joined. Every hub call that touches it runs one at a time per connection (OrderedInvocationFilter).
    private Dictionary<string, RoomRelay> JoinedRooms()
    {
        if (Context.Items.TryGetValue(nameof(JoinedRooms), out var value)) return (Dictionary<string, RoomRelay>)value!;
        var rooms = new Dictionary<string, RoomRelay>(StringComparer.Ordinal);
        Context.Items[nameof(JoinedRooms)] = rooms;
        return rooms;
    }
}
