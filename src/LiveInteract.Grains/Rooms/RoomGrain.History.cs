using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Reading a room's history: snapshots for joining viewers (recent history, or the events after their lastSeq) and
/// gap fills for relays. The in-memory tail answers when it covers the range; older ranges read the room log, whose
/// retention (Rooms:LogRetention) bounds how far back a replay reaches. One answer holds at most ReplayBufferSize events.
/// </summary>
public sealed partial class RoomGrain
{
    public Task<RoomSnapshot> GetSnapshot(long? afterSeq, long? upToSeq)
    {
        EnsureExists();
        return Snapshot(afterSeq, upToSeq);
    }

    public async Task<RoomSnapshot> Join(Actor actor, long? afterSeq, long upToSeq)
    {
        await EnsureCanJoin(actor);
        return await Snapshot(afterSeq, upToSeq);
    }

    public async Task<IReadOnlyList<ViewerJoinAnswer>> JoinViewers(IReadOnlyList<ViewerJoin> joins)
    {
        EnsureExists();
        if (joins.Count > IRoomGrain.MaxViewerJoins)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"at most {IRoomGrain.MaxViewerJoins} joins per call");
        var answers = new ViewerJoinAnswer[joins.Count];
        // During a ramp most joins are new viewers at the same seq: they share one snapshot (built and read once).
        ViewerJoinAnswer? recent = null;
        for (var i = 0; i < joins.Count; i++)
        {
            var join = joins[i];
            if (AdmitViewer(join.Actor) is { } refusal)
            {
                answers[i] = new ViewerJoinAnswer(null, refusal.Code, refusal.Message);
                continue;
            }
            if (join.AfterSeq is not null) answers[i] = new ViewerJoinAnswer(await Snapshot(join.AfterSeq, join.UpToSeq));
            else if (recent?.Snapshot is { } shared && shared.LastSeq == Math.Min(join.UpToSeq, State.LastSeq)) answers[i] = recent;
            else answers[i] = recent = new ViewerJoinAnswer(await Snapshot(null, join.UpToSeq));
        }
        return answers;
    }

    public async Task<IReadOnlyList<RoomEvent>> GetEvents(long fromSeq, long toSeq)
    {
        EnsureExists();
        var upTo = Math.Min(toSeq, State.LastSeq);
        var after = Math.Max(fromSeq - 1, upTo - _options.ReplayBufferSize);
        return await Read(after, upTo);
    }

    private async Task<RoomSnapshot> Snapshot(long? afterSeq, long? upToSeq)
    {
        var upTo = Math.Min(upToSeq ?? State.LastSeq, State.LastSeq);
        IReadOnlyList<RoomEvent> events;
        bool complete;
        if (afterSeq is null || afterSeq > State.LastSeq)
        {
            // A new viewer (or one whose lastSeq this room never issued) gets recent history.
            events = await Read(Math.Max(0, upTo - _options.JoinHistory), upTo);
            complete = afterSeq is null;
        }
        else
        {
            var after = Math.Max(afterSeq.Value, 0);
            var from = Math.Max(after, upTo - _options.ReplayBufferSize);
            events = await Read(from, upTo);
            // Complete when nothing between lastSeq and the first event returned is missing.
            var first = events.Count > 0 ? events[0].Seq : upTo + 1;
            complete = first == after + 1 || (events.Count == 0 && upTo <= after);
        }
        return new RoomSnapshot(RoomId, State.Title, State.CreatorId, State.CreatorName, State.Status, Counters(),
            upTo, State.CreatedAt, State.StartedAt, State.EndedAt, events, complete, State.Filters, GiftsView(), _media,
            PollView(), Questions.Pinned, Goal.Current?.View(), EffectState.Mappings.Count > 0 ? [.. EffectState.Mappings] : null);
    }

    /// <summary>Events with after &lt; seq &lt;= upTo from the tail, or from the log when the tail does not reach back.</summary>
    private async Task<IReadOnlyList<RoomEvent>> Read(long after, long upTo)
    {
        if (upTo <= after) return [];
        if (Tail.Covers(after)) return Tail.Slice(after, upTo);
        var stored = await log.Read(RoomId, after, upTo, _options.ReplayBufferSize);
        // The log holds what was written; the tail adds what is still pending. Join them where they meet.
        if (stored.Count == 0) return Tail.Slice(after, upTo);
        var tail = Tail.Slice(stored[^1].Seq, upTo);
        return tail.Count == 0 ? stored : [.. stored, .. tail];
    }
}
