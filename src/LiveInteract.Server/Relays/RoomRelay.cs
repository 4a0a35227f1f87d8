using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Hosting;
using LiveInteract.Server.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveInteract.Server.Relays;

/// <summary>
/// This silo's relay for one room: the room's grain observer and the sender to the room's local viewers.
/// The room calls <see cref="OnEvents"/> once per batch; it only queues. One loop, in order, adds and
/// removes viewers and forwards batches, so a joining viewer gets events after <c>upTo</c> from the
/// relay and everything up to it from the snapshot: each seq exactly once. A gap in seqs (a batch
/// dropped here, or a room that moved) is filled from the room's replay buffer.
/// The loop never waits on a viewer's socket: each batch is serialized once and handed to every viewer's
/// <see cref="ViewerOutbox"/>, which has a byte budget; a viewer over it is lagged (told <c>Lagged(roomId, lastSeq)</c>
/// once its socket drains, and rejoins with that seq). See docs/ARCHITECTURE.md, "Slow viewers".
/// </summary>
public sealed class RoomRelay : IRoomFanout
{
    private readonly IRoomGrain _room;
    private readonly HubConnections _connections;
    private readonly LiveMetrics _metrics;
    private readonly ILogger _logger;
    private readonly long _viewerBudgetBytes;
    private readonly Channel<Work> _work;
    private readonly RoomJoinBatcher _joins;
    private readonly Dictionary<string, ViewerOutbox> _members = new(StringComparer.Ordinal);
    // Who is behind each local connection, so a ban (which reaches every silo's relay) drops that user's connections here.
    // Per user only a count (a set per user cost ~300 B per viewer when every viewer is another user): a ban, which is
    // rare, finds the user's connections by scanning _userByConnection.
    private readonly Dictionary<string, string> _userByConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _connectionsByUser = new(StringComparer.Ordinal);
    // Users whose ban this relay forwarded (and no unban since): their likes are refused here. Joins are checked by the
    // room, which knows of an unban before this relay has forwarded it.
    private readonly ConcurrentDictionary<string, bool> _banned = new(StringComparer.Ordinal);
    private long _forwarded;
    private long _receivedThroughSeq;
    private int _viewersSent = -1;
    private long _likes;
    private int _memberCount;

    public RoomRelay(string roomId, IRoomGrain room, HubConnections connections, LiveMetrics metrics, RelayOptions options, ILogger logger)
    {
        RoomId = roomId;
        _room = room;
        _connections = connections;
        _metrics = metrics;
        _logger = logger;
        _viewerBudgetBytes = options.ViewerBudgetBytes;
        _joins = new RoomJoinBatcher(room);
        _work = Channel.CreateBounded<Work>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public string RoomId { get; }
    public bool Ended { get; private set; }
    public int Viewers => Volatile.Read(ref _memberCount);

    /// <summary>Connections that called JoinRoom and have not left, plus joins in flight (guarded by the registry's lock).</summary>
    internal int References { get; set; }
    internal DateTimeOffset IdleSince { get; set; }
    /// <summary>The viewer count last reported to the room (only the registry's loop touches it).</summary>
    internal int ReportedViewers { get; set; } = -1;
    internal IRoomFanout? Reference { get; set; }

    /// <summary>Which users are here and who came or went since the registry last told the room's insights.</summary>
    internal RoomPresence Presence { get; } = new();
    internal Task? Loop { get; set; }

    /// <summary>Starts forwarding events after <paramref name="lastSeq"/> (the seq the room returned on subscribe).</summary>
    internal void Start(long lastSeq, CancellationToken stopping)
    {
        _forwarded = lastSeq;
        Loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public Task OnEvents(EventBatch batch)
    {
        // Never wait on sockets inside the room's call. A full queue drops the batch; the next one shows the gap.
        if (batch.Events.Count > 0) InterlockedMax(ref _receivedThroughSeq, batch.Events[^1].Seq);
        if (!_work.Writer.TryWrite(new Work.Forward(batch)))
        {
            _metrics.BatchDropped();
            _logger.LogWarning("Relay for {RoomId} is behind; dropped a batch to refetch by seq", RoomId);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Makes the connection a member at the seq L this relay has forwarded so far, then asks the room (with the other
    /// joins waiting, <see cref="RoomJoinBatcher"/>) for the snapshot up to L after <paramref name="lastSeq"/>; the relay
    /// sends everything after L. A refusal (a ban) or a failed room call throws; the connection stays a member until
    /// <see cref="RemoveViewer"/>, so the caller removes a viewer that was not in the room before.
    /// </summary>
    public async Task<RoomSnapshot> Join(string connectionId, Actor actor, long? lastSeq)
    {
        var answer = new TaskCompletionSource<RoomSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _work.Writer.WriteAsync(new Work.Join(connectionId, actor, lastSeq, answer));
        return await answer.Task;
    }

    /// <summary>True once this relay forwarded a ban of <paramref name="userId"/> (and no unban since).</summary>
    public bool IsBanned(string userId) => _banned.ContainsKey(userId);

    public ValueTask RemoveViewer(string connectionId) => _work.Writer.WriteAsync(new Work.Leave(connectionId));

    /// <summary>The room's seq moved past what this relay forwarded (seen on re-subscribe): fetch and forward the rest.</summary>
    internal void CatchUp(long roomSeq) => _work.Writer.TryWrite(new Work.CatchUp(roomSeq));

    /// <summary>The highest seq of a batch the room handed to this relay; with the forwarded seq, how far behind the relay is.</summary>
    internal long ReceivedThroughSeq => Interlocked.Read(ref _receivedThroughSeq);

    /// <summary>
    /// Holds the relay's loop until <paramref name="release"/> completes (tests: batches then queue behind it as behind a
    /// relay that fell behind). Completes once the loop is held.
    /// </summary>
    internal async Task HoldAsync(Task release)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _work.Writer.WriteAsync(new Work.Hold(held, release));
        await held.Task;
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    internal void AddLikes(long count) => Interlocked.Add(ref _likes, count);

    internal long TakeLikes() => Interlocked.Exchange(ref _likes, 0);

    internal void ReturnLikes(long count) => Interlocked.Add(ref _likes, count);

    internal void Complete() => _work.Writer.TryComplete();

    private async Task RunAsync(CancellationToken stopping)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
        {
            try
            {
                switch (work)
                {
                    case Work.Join join:
                        Join(join);
                        break;
                    case Work.Leave leave:
                        UntrackUser(leave.ConnectionId);
                        RemoveMember(leave.ConnectionId);
                        break;
                    case Work.Forward forward:
                        var batch = CoalesceQueued(forward.Batch);
                        await ForwardAsync(batch.Events, batch.Counters, sampled: batch.Sampled);
                        break;
                    case Work.Hold hold:
                        hold.Held.TrySetResult();
                        await hold.Release;
                        break;
                    case Work.CatchUp catchUp when catchUp.RoomSeq > _forwarded:
                        await ForwardAsync([], counters: null, catchUp.RoomSeq);
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (work is Work.Join failed) failed.Answer.TrySetException(ex);
                _logger.LogWarning(ex, "Relay for {RoomId} failed to handle {Work}", RoomId, work.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Takes the batches queued right behind <paramref name="first"/> into one: a relay that fell behind sends what
    /// piled up as one message per viewer instead of one per batch, so the further behind it is, the fewer (bigger)
    /// writes it makes, and it catches up instead of falling further back. Stops at anything that is not a batch (a
    /// join or leave must see exactly the events before it), at a seq gap (the next batch refetches it), after a
    /// batch that bans someone or ends the room (the relay acts on those before sending more), and at
    /// <see cref="CoalescedEventsLimit"/> events.
    /// </summary>
    private EventBatch CoalesceQueued(EventBatch first)
    {
        if (!_work.Reader.TryPeek(out var peeked) || peeked is not Work.Forward) return first;
        var events = new List<RoomEvent>(first.Events);
        var counters = first.Counters;
        var sampled = first.Sampled;
        var merged = 0;
        var stop = first.Events.Any(EndsCoalescing);
        while (!stop && events.Count < CoalescedEventsLimit
               && _work.Reader.TryPeek(out var next) && next is Work.Forward { Batch: var batch }
               && Continues(events, batch))
        {
            _work.Reader.TryRead(out _);
            foreach (var e in batch.Events)
            {
                if (events.Count > 0 && e.Seq <= events[^1].Seq) continue;
                events.Add(e);
                stop |= EndsCoalescing(e);
            }
            counters = batch.Counters ?? counters;
            sampled += batch.Sampled;
            merged++;
        }
        if (merged == 0) return first;
        _metrics.BatchesCoalesced(merged);
        return new EventBatch(RoomId, events, counters) { Sampled = sampled };
    }

    /// <summary>Events per coalesced message at most (a few hundred KB of comments): bounds one write per viewer.</summary>
    internal const int CoalescedEventsLimit = 1000;

    /// <summary>True when <paramref name="batch"/> starts where <paramref name="events"/> end (or either holds no events).</summary>
    private bool Continues(List<RoomEvent> events, EventBatch batch)
    {
        var last = events.Count > 0 ? events[^1].Seq : _forwarded;
        foreach (var e in batch.Events)
            if (e.Seq > last) return e.Seq == last + 1;
        return true;
    }

    private static bool EndsCoalescing(RoomEvent e) => e is UserBannedEvent or RoomStatusEvent { Status: RoomStatus.Ended };

    private async Task ForwardAsync(IReadOnlyList<RoomEvent> events, RoomCounters? counters, long? knownSeq = null, int sampled = 0)
    {
        var fresh = events.Where(e => e.Seq > _forwarded).ToList();
        var firstNew = fresh.Count > 0 ? fresh[0].Seq : (knownSeq ?? _forwarded) + 1;
        if (firstNew > _forwarded + 1)
        {
            var missed = await _room.GetEvents(_forwarded + 1, firstNew - 1);
            fresh.InsertRange(0, missed.Where(e => e.Seq > _forwarded));
        }
        if (fresh.Count == 0 && counters is null) return;
        var throughSeq = fresh.Count > 0 ? fresh[^1].Seq : 0;
        // Serialized once (per protocol) for every viewer, as SignalR's group send does.
        Broadcast(new SerializedHubMessage(new InvocationMessage(HubMethods.Events, [new EventBatch(RoomId, fresh, counters) { Sampled = sampled }])), throughSeq);
        if (fresh.Count > 0) _forwarded = fresh[^1].Seq;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var e in fresh) _metrics.EventForwarded(EventTypeName(e), now - e.At);
        if (counters is not null && counters.Viewers != _viewersSent)
        {
            _viewersSent = counters.Viewers;
            Broadcast(new SerializedHubMessage(new InvocationMessage(HubMethods.ViewerCount, [RoomId, counters.Viewers])), 0);
        }
        foreach (var e in fresh)
        {
            if (e is UserBannedEvent banned) DropBanned(banned.TargetUserId);
            else if (e is UserUnbannedEvent unbanned) _banned.TryRemove(unbanned.TargetUserId, out _);
        }
        if (fresh.Any(e => e is RoomStatusEvent { Status: RoomStatus.Ended }))
        {
            Ended = true;
            Broadcast(new SerializedHubMessage(new InvocationMessage(HubMethods.RoomEnded, [RoomId])), 0, essential: true);
        }
    }

    /// <summary>Hands one message to every viewer's outbox; never waits for a socket.</summary>
    private void Broadcast(SerializedHubMessage message, long throughSeq, bool essential = false)
    {
        foreach (var (connectionId, outbox) in _members)
        {
            if (!outbox.Send(message, throughSeq, essential)) continue;
            _metrics.ViewerLagged();
            _logger.LogInformation("Viewer {ConnectionId} in {RoomId} passed its outbound budget; lagged until it rejoins", connectionId, RoomId);
        }
    }

    private void Join(Work.Join join)
    {
        if (!_members.TryGetValue(join.ConnectionId, out var outbox))
        {
            // The connection closed before its join got here: nothing to add (its disconnect removes any trace).
            if (_connections.Find(join.ConnectionId) is not { } connection)
            {
                join.Answer.TrySetException(new LiveInteractException(ErrorCodes.BadRequest, "connection closed"));
                return;
            }
            outbox = new ViewerOutbox(connection, RoomId, _viewerBudgetBytes);
            _members.Add(join.ConnectionId, outbox);
            Interlocked.Increment(ref _memberCount);
        }
        // A lagged viewer rejoining with its lastSeq is live again; its snapshot covers everything up to _forwarded.
        outbox.Resume(_forwarded);
        TrackUser(join.ConnectionId, join.Actor.UserId);
        // The viewer is a member before the room checks its ban: a ban the room records after that check reaches it
        // through this relay, and one recorded before is refused by the check.
        _joins.Add(new ViewerJoin(join.Actor, join.LastSeq, _forwarded), join.Answer);
    }

    private ViewerOutbox? RemoveMember(string connectionId)
    {
        if (!_members.Remove(connectionId, out var outbox)) return null;
        Interlocked.Decrement(ref _memberCount);
        outbox.Close();
        return outbox;
    }

    /// <summary>Metric labels are the wire names ("comment", "gift_board"), looked up once per type, not built per event.</summary>
    private static readonly FrozenDictionary<Type, string> WireTypeNames = typeof(RoomEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToFrozenDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    private static string EventTypeName(RoomEvent e) => WireTypeNames.GetValueOrDefault(e.GetType(), "other");

    /// <summary>Removes a banned user's local connections from the room (after they got the batch with the ban) and tells them.</summary>
    private void DropBanned(string userId)
    {
        _banned[userId] = true;
        if (!_connectionsByUser.Remove(userId)) return;
        Presence.Left(userId);
        var connections = _userByConnection.Where(c => c.Value == userId).Select(c => c.Key).ToList();
        var kicked = new SerializedHubMessage(new InvocationMessage(HubMethods.Kicked, [RoomId, "banned"]));
        foreach (var connectionId in connections)
        {
            _userByConnection.Remove(connectionId);
            if (!_members.TryGetValue(connectionId, out var outbox)) continue;
            outbox.Send(kicked, 0, essential: true); // queued behind the batch with the ban, then nothing more
            RemoveMember(connectionId);
        }
    }

    private void TrackUser(string connectionId, string userId)
    {
        if (!_userByConnection.TryAdd(connectionId, userId)) return; // joined again on the same connection
        var count = _connectionsByUser.GetValueOrDefault(userId) + 1;
        _connectionsByUser[userId] = count;
        if (count == 1) Presence.Joined(userId);
    }

    private void UntrackUser(string connectionId)
    {
        if (!_userByConnection.Remove(connectionId, out var userId)) return;
        if (!_connectionsByUser.TryGetValue(userId, out var count)) return;
        if (count > 1) _connectionsByUser[userId] = count - 1;
        else
        {
            _connectionsByUser.Remove(userId);
            Presence.Left(userId);
        }
    }

    private abstract record Work
    {
        public sealed record Join(string ConnectionId, Actor Actor, long? LastSeq, TaskCompletionSource<RoomSnapshot> Answer) : Work;
        public sealed record Leave(string ConnectionId) : Work;
        public sealed record Forward(EventBatch Batch) : Work;
        public sealed record CatchUp(long RoomSeq) : Work;
        public sealed record Hold(TaskCompletionSource Held, Task Release) : Work;
    }
}
