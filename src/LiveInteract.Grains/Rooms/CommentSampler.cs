namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Which comments a flooded room shows live. A token bucket: up to <c>perSecond</c> comments a second are shown,
/// spread over the second, with a quarter second's worth as burst; the rest are accepted and counted but not
/// shown (the batch says how many). Gifts never go through it. Zero means every comment is shown.
/// </summary>
public sealed class CommentSampler(double perSecond)
{
    private readonly double _capacity = Math.Max(1, perSecond / 4);
    private double _tokens = Math.Max(1, perSecond / 4);
    private long? _lastMs;

    public bool Show(long nowMs)
    {
        if (perSecond <= 0) return true;
        if (_lastMs is { } last && nowMs > last) _tokens = Math.Min(_capacity, _tokens + (nowMs - last) * perSecond / 1000.0);
        _lastMs = nowMs;
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
