using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Feeds the room's analytics (<see cref="IRoomInsightsGrain"/>, a grain of its own: the room keeps no insights
/// state). One one-way call per stored batch, after the write, so insights count what viewers see; a lost call is
/// repaired from the room log by seq (docs/INSIGHTS.md).
/// </summary>
public sealed partial class RoomGrain
{
    private void RecordInsights(EventBatch batch) =>
        _ = GrainFactory.GetGrain<IRoomInsightsGrain>(RoomId).Record(new RoomInsightsBatch(
            State.CreatorId, State.CreatorName, State.Title, State.Status, State.StartedAt, State.EndedAt, batch.Events, batch.Counters ?? Counters()));
}
