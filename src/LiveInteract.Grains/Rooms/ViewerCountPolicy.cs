using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Which counters a room shows its viewers. Likes and comments go out as they change; the viewer count only when
/// <see cref="RoomOptions.ViewerCountInterval"/> (one more per <see cref="RoomOptions.ViewersPerViewerCountStep"/> viewers, at
/// most <see cref="RoomOptions.MaxViewerCountInterval"/>) has passed since the count viewers see last changed. While a live fills up its
/// viewer count changes on every relay report; sent each time, the count alone would cost every viewer a message
/// several times a second (quadratic over the join ramp: measured in docs/BENCHMARKS.md, "Join storm").
/// </summary>
public static class ViewerCountPolicy
{
    public static TimeSpan Interval(RoomOptions options, int viewers)
    {
        var steps = 1.0 + viewers / (double)options.ViewersPerViewerCountStep;
        var interval = TimeSpan.FromTicks((long)(options.ViewerCountInterval.Ticks * steps));
        return interval < options.MaxViewerCountInterval ? interval : options.MaxViewerCountInterval;
    }

    /// <summary>
    /// The counters to send: <paramref name="current"/>, with the viewer count held at the last one sent while it is
    /// not yet due (<paramref name="sinceViewersSent"/>, the time since the sent count last changed, shorter than the
    /// room's interval). Batches sent for other reasons in between do not delay it.
    /// </summary>
    public static RoomCounters Shown(RoomOptions options, RoomCounters current, RoomCounters sent, TimeSpan sinceViewersSent) =>
        current.Viewers == sent.Viewers || sinceViewersSent >= Interval(options, Math.Max(current.Viewers, sent.Viewers))
            ? current
            : current with { Viewers = sent.Viewers };
}
