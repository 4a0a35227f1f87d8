namespace LiveInteract.Grains.Insights;

/// <summary>
/// The clock that places activity in minutes and ranking windows. Its own service so a test can drive insights with a
/// fake clock (viewers joining and leaving at known minutes) while rooms, relays and timers keep real time.
/// </summary>
public sealed class InsightsClock(TimeProvider time)
{
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public DateTimeOffset Now => time.GetUtcNow();
}
