namespace LiveInteract.Server.Abuse;

/// <summary>A token bucket: up to <c>burst</c> messages at once, refilled at <c>perSecond</c>. Thread-safe.</summary>
public sealed class TokenBucket(double perSecond, int burst, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _at = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_at, now).TotalSeconds * perSecond);
            _at = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Puts back a token taken for a message that another bucket then refused.</summary>
    public void Return()
    {
        lock (_lock) _tokens = Math.Min(burst, _tokens + 1);
    }
}
