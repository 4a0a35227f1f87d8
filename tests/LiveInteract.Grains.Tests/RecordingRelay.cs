using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

/// <summary>A real grain observer that records the batches a room sends it.</summary>
internal sealed class RecordingRelay : IRoomFanout
{
    private readonly Recorder<EventBatch> _batches = new();

    public IReadOnlyList<EventBatch> Batches => _batches.All;

    public Task OnEvents(EventBatch batch)
    {
        _batches.Add(batch);
        return Task.CompletedTask;
    }

    /// <summary>Waits for the first batch matching <paramref name="condition"/>.</summary>
    public Task<EventBatch> WaitFor(Func<EventBatch, bool> condition) =>
        _batches.UntilA(condition, "the expected batch at the relay", TimeSpan.FromSeconds(10));
}
