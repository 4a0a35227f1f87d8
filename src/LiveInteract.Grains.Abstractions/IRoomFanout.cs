using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// A silo's relay for one room (a grain observer). The room calls it once per tick per silo; the relay
/// queues the batch and returns at once, and forwards it to its local SignalR group.
/// Returns Task (not OneWay) so a dead silo's observer fails and is pruned.
/// </summary>
[Alias("li.IRoomFanout")]
public interface IRoomFanout : IGrainObserver
{
    [Alias("OnEvents")] Task OnEvents(EventBatch batch);
}
