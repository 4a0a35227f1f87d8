namespace LiveInteract.LoadTests.Running;

/// <summary>
/// One viewer's record of the generator's comments (numbered by <see cref="CommentLedger"/>) it received: a bitset of
/// their numbers, so the run counts what each viewer lost, and duplicates stay visible even where the SDK deduplicates
/// by seq. A first delivery counts in the run's totals, with its latency (<see cref="RunCounters.CommentLatency"/>)
/// when it was sent after the viewer joined.
/// Thread-safe: a viewer's receive path records while the run reads <see cref="HasReceived"/>.
/// </summary>
internal sealed class DeliveryTracker(RunCounters counters, int discard)
{
    private readonly Lock _gate = new();
    private ulong[] _received = new ulong[16];
    private int _discardRemaining = discard;

    public long Duplicates { get; private set; }

    /// <summary>Deliveries dropped by the test hook <see cref="LoadSettings.DiscardDeliveries"/>.</summary>
    public long Discarded { get; private set; }

    public bool HasReceived(int number)
    {
        lock (_gate) return number / 64 < _received.Length && (_received[number / 64] & (1UL << (number % 64))) != 0;
    }

    /// <summary>
    /// Comment <paramref name="number"/>, sent at <paramref name="sentAt"/>, arrived at <paramref name="receivedAt"/> at a
    /// viewer that joined at <paramref name="joinedAt"/> (0 while its join runs); all Stopwatch ticks.
    /// </summary>
    public void Received(int number, long sentAt, long joinedAt, long receivedAt)
    {
        if (_discardRemaining > 0 && joinedAt != 0 && sentAt >= joinedAt)
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
        if (joinedAt != 0 && sentAt >= joinedAt) counters.CommentLatency(sentAt, receivedAt);
    }
}
