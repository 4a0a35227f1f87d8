using System.Diagnostics;
using LiveInteract.Client;
using LiveInteract.Client.Connection;
using LiveInteract.Client.Updates;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.LoadTests.Running;

/// <summary>
/// One viewer: a real <see cref="LiveClient"/> (the SDK apps use) joined to one room, reading its update stream.
/// It marks each generator comment it receives in a bitset (so duplicates are visible even though the SDK
/// deduplicates by seq) and records latency for comments sent after its join completed.
/// </summary>
internal sealed class SimulatedViewer(int index, string roomId, int room, LiveClient client, RunCounters counters, int discard)
    : IViewer
{
    private readonly object _gate = new();
    private ulong[] _received = new ulong[16];
    private int _discardRemaining = discard;
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
    public long Duplicates { get; private set; }
    public long Discarded { get; private set; }
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

    public bool HasReceived(int number)
    {
        lock (_gate) return number / 64 < _received.Length && (_received[number / 64] & (1UL << (number % 64))) != 0;
    }

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
                        counters.GiftDelivered();
                        break;
                    case ConnectionUpdate { State: LiveConnectionState.Connected }:
                        wasConnected = true;
                        break;
                    case ConnectionUpdate { State: LiveConnectionState.Reconnecting } when wasConnected:
                        wasConnected = false;
                        counters.Dropped();
                        break;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void OnComment(CommentEvent comment)
    {
        var now = Stopwatch.GetTimestamp();
        if (!CommentLedger.TryParse(comment.Text, out var number, out var sent)) return;
        if (_discardRemaining > 0 && JoinedAt != 0 && sent >= JoinedAt)
        {
            // Test hook (LoadSettings.DiscardDeliveries): behave as if this delivery never arrived.
            _discardRemaining--;
            Discarded++;
            return;
        }
        bool duplicate;
        lock (_gate)
        {
            var word = number / 64;
            if (word >= _received.Length) Array.Resize(ref _received, Math.Max(word + 1, _received.Length * 2));
            var bit = 1UL << (number % 64);
            duplicate = (_received[word] & bit) != 0;
            _received[word] |= bit;
        }
        if (duplicate)
        {
            Duplicates++;
            return;
        }
        counters.Delivered();
        var joined = JoinedAt;
        if (joined != 0 && sent >= joined) counters.CommentLatency(sent, now);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }
}
