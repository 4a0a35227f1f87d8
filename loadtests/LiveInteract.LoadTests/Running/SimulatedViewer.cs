using System.Diagnostics;
using LiveInteract.Client;
using LiveInteract.Client.Connection;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.LoadTests.Running;

/// <summary>
/// One viewer: a real <see cref="LiveClient"/> (the SDK apps use) joined to one room, reading its update stream.
/// Each generator comment it receives goes to its <see cref="DeliveryTracker"/> (lost, duplicates, latency).
/// </summary>
internal sealed class SimulatedViewer(int index, string roomId, int room, LiveClient client, RunCounters counters, int discard)
    : IViewer
{
    private readonly RunCounters _counters = counters;
    private readonly DeliveryTracker _deliveries = new(counters, discard);
    private Task _reader = Task.CompletedTask;
    private readonly CancellationTokenSource _stop = new();

    public int Index { get; } = index;
    public string RoomId { get; } = roomId;
    public int Room { get; } = room;
    public LiveClient Client { get; } = client;
    /// <summary>Stopwatch ticks when JoinRoom returned; 0 while not joined.</summary>
    public long JoinedAt { get; private set; }
    /// <summary>Stopwatch ticks when the viewer left (churn); long.MaxValue while it stays.</summary>
    public long LeftAt { get; private set; } = long.MaxValue;
    public long Duplicates => _deliveries.Duplicates;
    public long LastLikes { get; private set; }

    public async Task ConnectAndJoin(CancellationToken cancellationToken)
    {
        _reader = Task.Run(ReadUpdates, CancellationToken.None);
        await Client.ConnectAsync(cancellationToken);
        await Client.JoinRoomAsync(RoomId, null, cancellationToken);
        JoinedAt = Stopwatch.GetTimestamp();
    }

    public async Task Leave()
    {
        LeftAt = Stopwatch.GetTimestamp();
        await DisposeAsync();
    }

    public bool HasReceived(int number) => _deliveries.HasReceived(number);

    private async Task ReadUpdates()
    {
        var wasConnected = false;
        try
        {
            await foreach (var update in Client.Updates(_stop.Token))
            {
                switch (update)
                {
                    case RoomEventUpdate { Event: CommentEvent comment }:
                        OnComment(comment);
                        break;
                    case CountersUpdate c:
                        LastLikes = Math.Max(LastLikes, c.Counters.Likes);
                        break;
                    case RoomJoinedUpdate j:
                        LastLikes = Math.Max(LastLikes, j.Snapshot.Counters.Likes);
                        break;
                    case RoomEventUpdate { Event: GiftEvent }:
                        _counters.GiftDelivered();
                        break;
                    case ConnectionUpdate { State: LiveConnectionState.Connected }:
                        wasConnected = true;
                        break;
                    case ConnectionUpdate { State: LiveConnectionState.Reconnecting } when wasConnected:
                        wasConnected = false;
                        _counters.Dropped();
                        break;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void OnComment(CommentEvent comment)
    {
        var now = Stopwatch.GetTimestamp();
        if (CommentLedger.TryParse(comment.Text, out var number, out var sent)) _deliveries.Received(number, sent, JoinedAt, now);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }
}
