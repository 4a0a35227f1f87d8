using System.Collections.Concurrent;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

/// <summary>A real grain observer that records the batches a room sends it.</summary>
internal sealed class RecordingRelay : IRoomFanout
{
    private readonly ConcurrentQueue<EventBatch> _batches = new();

    public IReadOnlyList<EventBatch> Batches => [.. _batches];

    public Task OnEvents(EventBatch batch)
    {
        _batches.Enqueue(batch);
        return Task.CompletedTask;
    }

    public async Task<EventBatch> WaitFor(Func<EventBatch, bool> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var match = _batches.FirstOrDefault(condition);
            if (match is not null) return match;
            await Task.Delay(10);
        }
        throw new TimeoutException("the relay did not receive the expected batch");
    }
}
