using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Media.Pipeline;

namespace LiveInteract.Server.Media;

/// <summary>
/// The room's events as the video pipeline needs them: subscribed to the room like a silo's relay (under its own key,
/// so it works on a silo with no viewers), it hands each <see cref="EffectEvent"/> to the pipeline's effect queue and
/// clears the queue when the creator clears the mapping. Only enqueues; returns at once.
/// </summary>
public sealed class RoomEffectListener(RoomPipeline pipeline) : IRoomFanout
{
    private long _lastSeq;

    /// <summary>The key this listener subscribes under (one ingest per room per silo).</summary>
    public static string SubscriptionKey(string siloId) => $"media/{siloId}";

    public Task OnEvents(EventBatch batch)
    {
        foreach (var e in batch.Events)
        {
            // Batches come in seq order; a seq already seen (a batch delivered twice) is not played twice.
            if (e.Seq <= _lastSeq) continue;
            _lastSeq = e.Seq;
            switch (e)
            {
                case EffectEvent effect:
                    pipeline.TriggerEffect(effect.ComboId, effect.GiftId, effect.GiftName, effect.DisplayName, effect.Filter, effect.Seconds);
                    break;
                case GiftEffectsChangedEvent { Effects.Count: 0 }:
                    pipeline.Effects.Clear();
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
