using System.Collections.Concurrent;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests;

/// <summary>Records what one real SignalR client receives: pushed events (as delivered, duplicates kept), viewer counts, room-ended.</summary>
public sealed class EventCollector
{
    private readonly ConcurrentQueue<RoomEvent> _events = new();
    private readonly ConcurrentQueue<int> _viewerCounts = new();
    private volatile bool _ended;

    public EventCollector(HubConnection connection)
    {
        connection.On<EventBatch>(HubMethods.Events, batch => { foreach (var e in batch.Events) _events.Enqueue(e); });
        connection.On<string, int>(HubMethods.ViewerCount, (_, count) => _viewerCounts.Enqueue(count));
        connection.On<string>(HubMethods.RoomEnded, _ => _ended = true);
    }

    public IReadOnlyList<RoomEvent> Events => [.. _events];
    public IReadOnlyList<int> ViewerCounts => [.. _viewerCounts];
    public bool Ended => _ended;

    public IReadOnlyList<CommentEvent> Comments => [.. _events.OfType<CommentEvent>()];

    public static async Task Until(Func<bool> condition, int timeoutMs = 15_000, string? what = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what ?? "condition"}");
            await Task.Delay(20);
        }
    }
}
