using LiveInteract.Client.Errors;
using LiveInteract.Client.Feeds;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Client;

// Hub methods of /hubs/live: joining rooms (with ordered, de-duplicated delivery) and acting in them.
public sealed partial class LiveClient
{
    /// <summary>
    /// Joins a room: its events, counters and viewer counts flow into <see cref="Updates"/> from now on, and the
    /// client rejoins it after every reconnect. A new viewer gets recent history; pass <paramref name="lastSeq"/>
    /// (e.g. saved from <see cref="LastSeq"/> before the app was closed) to receive exactly the events after it.
    /// Joining a room already joined resumes it from its last seq.
    /// </summary>
    public async Task<RoomSnapshot> JoinRoomAsync(string roomId, long? lastSeq = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        await WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
        return await JoinCoreAsync(roomId, lastSeq, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves a room: no more updates from it, and it is not rejoined after a reconnect.</summary>
    public async Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        bool wasJoined;
        lock (_roomsLock) wasJoined = _rooms.Remove(roomId);
        if (wasJoined && _state == Connection.LiveConnectionState.Connected)
            await InvokeAsync(HubMethods.LeaveRoom, [roomId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a comment; the receipt has its seq. Sent once: if the connection drops mid-call the outcome is
    /// unknown and the call throws (the comment, if it was stored, still arrives as an event after the rejoin).
    /// </summary>
    public Task<CommentReceipt> SendCommentAsync(string roomId, string text, CancellationToken cancellationToken = default) =>
        InvokeAsync<CommentReceipt>(HubMethods.SendComment, [roomId, text], cancellationToken);

    /// <summary>Taps like <paramref name="count"/> times (1-100 per call). Requires having joined the room.</summary>
    public Task SendLikeAsync(string roomId, int count = 1, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.SendLike, [roomId, count], cancellationToken);

    /// <summary>Replaces the room's AR filter chain (the room's creator only).</summary>
    public Task SetFiltersAsync(string roomId, IEnumerable<FilterSpec> filters, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.SetFilters, [roomId, filters.ToArray()], cancellationToken);

    // Used by JoinRoomAsync and by the rejoin after a reconnect (which runs before the client counts as connected).
    private async Task<RoomSnapshot> JoinCoreAsync(string roomId, long? resumeAfter, CancellationToken cancellationToken)
    {
        RoomFeed feed;
        bool isNew;
        lock (_roomsLock)
        {
            isNew = !_rooms.TryGetValue(roomId, out var existing);
            feed = existing ?? new RoomFeed(roomId, resumeAfter, _updates.Writer);
            if (isNew) _rooms[roomId] = feed;
        }
        feed.BeginJoin();
        RoomSnapshot snapshot;
        try
        {
            snapshot = await _hub.InvokeCoreAsync<RoomSnapshot>(HubMethods.JoinRoom, [roomId, feed.LastSeq], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            feed.AbortJoin();
            // A failed or cancelled first join leaves no trace (it is not rejoined later); a failed rejoin is the caller's to handle.
            if (isNew) lock (_roomsLock) _rooms.Remove(roomId);
            if (ex is HubException hub) throw LiveClientException.FromHub(hub);
            throw;
        }
        feed.CompleteJoin(snapshot);
        return snapshot;
    }

    // Banned: the server already dropped this connection from the room; forget it so a reconnect does not try to rejoin.
    private void OnKicked(string roomId, string reason)
    {
        lock (_roomsLock) _rooms.Remove(roomId);
        Publish(new KickedUpdate(roomId, reason));
    }

    // Read too slowly: the server took this connection out of the room's live stream after sending everything up to
    // lastSeq. Rejoin from the last seq handed to the app (the server replays the rest by seq). Not from the hub's
    // receive loop: a handler that awaited an invocation would wait for itself.
    private void OnLagged(string roomId, long lastSeq)
    {
        lock (_roomsLock) { if (!_rooms.ContainsKey(roomId)) return; }
        Publish(new RoomLaggedUpdate(roomId, lastSeq));
        _ = Task.Run(() => RejoinLaggedAsync(roomId, _lifetime.Token), CancellationToken.None);
    }

    private async Task RejoinLaggedAsync(string roomId, CancellationToken stopping)
    {
        // Under the connect lock, so it never overlaps a reconnect's rejoin of the same room.
        try { await _connectLock.WaitAsync(stopping).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        try
        {
            bool stillJoined;
            lock (_roomsLock) stillJoined = _rooms.ContainsKey(roomId);
            if (!stillJoined || _hub.State != HubConnectionState.Connected) return; // left, or the reconnect's rejoin covers it
            await JoinCoreAsync(roomId, resumeAfter: null, stopping).ConfigureAwait(false);
        }
        catch (LiveClientException ex)
        {
            lock (_roomsLock) _rooms.Remove(roomId);
            Publish(new RejoinFailedUpdate(roomId, ex.Message));
        }
        catch (Exception) when (_hub.State != HubConnectionState.Connected || stopping.IsCancellationRequested)
        {
            // The connection dropped meanwhile: the reconnect loop rejoins every room with its lastSeq.
        }
        catch (Exception ex)
        {
            // The connection is up but the rejoin failed (e.g. a timeout): drop the connection, so the reconnect loop,
            // which retries with back-off, rejoins every room from its lastSeq.
            _ = ex;
            try { await _hub.StopAsync(CancellationToken.None).ConfigureAwait(false); } catch (Exception) { }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void OnEvents(EventBatch batch)
    {
        RoomFeed? feed;
        lock (_roomsLock) _rooms.TryGetValue(batch.RoomId, out feed);
        feed?.OnBatch(batch); // a room left a moment ago may still send a batch: dropped
    }
}
