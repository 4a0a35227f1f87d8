namespace LiveInteract.Grains.Rooms;

/// <summary>Events per second over the last completed one-second window (what the batch policy reads).</summary>
public sealed class EventRateMeter
{
    private long _windowStart;
    private int _count;

    public double PerSecond { get; private set; }

    public void Count(long nowMs)
    {
        Roll(nowMs);
        _count++;
    }

    public double Read(long nowMs)
    {
        Roll(nowMs);
        return PerSecond;
    }

    private void Roll(long nowMs)
    {
        var elapsed = nowMs - _windowStart;
        if (elapsed < 1000) return;
        // A window that ended more than a second ago says nothing about now.
        PerSecond = elapsed < 2000 ? _count * 1000.0 / elapsed : 0;
        _windowStart = nowMs;
        _count = 0;
    }
}
