using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Server.Relays;

/// <summary>
/// A relay's joins on their way to the room: at most one room call (<see cref="IRoomGrain.JoinViewers"/>) per relay
/// is out at a time, and joins that arrive meanwhile go together in the next one. A lone join goes at once, as before;
/// while a live fills up and joins come faster than the room answers, one call, one ban check pass and one snapshot of
/// recent history serve many viewers instead of one each (docs/BENCHMARKS.md, "Joins in batches").
/// Waiting joins are bounded by the connections in the room: each connection has at most one join in flight (hub
/// calls of one connection run in order, OrderedInvocationFilter).
/// </summary>
internal sealed class RoomJoinBatcher(IRoomGrain room)
{
    private readonly Lock _lock = new();
    private readonly List<(ViewerJoin Join, TaskCompletionSource<RoomSnapshot> Answer)> _waiting = [];
    private bool _calling;

    /// <summary>Queues <paramref name="join"/>; <paramref name="answer"/> gets its snapshot or the room's refusal.</summary>
    public void Add(ViewerJoin join, TaskCompletionSource<RoomSnapshot> answer)
    {
        lock (_lock)
        {
            _waiting.Add((join, answer));
            if (_calling) return;
            _calling = true;
        }
        _ = CallRoomAsync();
    }

    private async Task CallRoomAsync()
    {
        while (true)
        {
            List<(ViewerJoin Join, TaskCompletionSource<RoomSnapshot> Answer)> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _calling = false;
                    return;
                }
                var take = Math.Min(_waiting.Count, IRoomGrain.MaxViewerJoins);
                batch = _waiting.GetRange(0, take);
                _waiting.RemoveRange(0, take);
            }
            try
            {
                var answers = await room.JoinViewers([.. batch.Select(b => b.Join)]).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (answers[i].Snapshot is { } snapshot) batch[i].Answer.TrySetResult(snapshot);
                    else batch[i].Answer.TrySetException(new LiveInteractException(answers[i].RefusalCode ?? ErrorCodes.Forbidden, answers[i].Refusal ?? "refused"));
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, answer) in batch) answer.TrySetException(ex);
            }
        }
    }
}
