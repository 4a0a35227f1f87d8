using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Rooms;

/// <summary>Room behaviour, bound from the "Rooms" configuration section and validated at start-up.</summary>
public sealed class RoomOptions
{
    public const string Section = "Rooms";

    /// <summary>How often a busy room sends a batch to each silo. The first event after a quiet spell goes at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:01")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// The longest tick a busy room grows to (more viewers and more events per second lengthen it, see
    /// <see cref="BatchIntervalPolicy"/>). Tick + write + fan-out stay inside the 250 ms delivery budget.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:00.200")]
    public TimeSpan MaxBatchInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Deliveries per second (viewers x events per second) that add one <see cref="BatchInterval"/> to a room's tick:
    /// a big audience alone is no reason to wait, many messages to send are (each batch costs every viewer one).
    /// </summary>
    [Range(1, 100_000_000)]
    public int DeliveriesPerSecondPerBatchStep { get; set; } = 50_000;

    /// <summary>Viewers that add one <see cref="ViewerCountInterval"/> to the time between two viewer-count updates.</summary>
    [Range(1, 1_000_000)]
    public int ViewersPerViewerCountStep { get; set; } = 1000;

    /// <summary>
    /// Least time between two viewer-count changes a small room sends to its viewers; one more interval per
    /// <see cref="ViewersPerViewerCountStep"/> viewers, up to <see cref="MaxViewerCountInterval"/> (see <see cref="ViewerCountPolicy"/>).
    /// A count that changes with nothing else to send costs a message to every viewer, so a filling room must not send it
    /// on every join report.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan ViewerCountInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest a big room's viewers wait for a changed viewer count.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxViewerCountInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events per second that add one <see cref="BatchInterval"/> to a room's tick.</summary>
    [Range(1, 1_000_000)]
    public int EventsPerSecondPerBatchStep { get; set; } = 200;

    /// <summary>Events a room's log keeps (per room, newest; at least <see cref="ReplayBufferSize"/>): how far back a replay reaches.</summary>
    [Range(16, 10_000_000)]
    public int LogRetention { get; set; } = 10_000;

    /// <summary>How long a comment or gift waits for the write that stores it before its caller hears "unavailable".</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Pause before a failed room write is tried again (with everything changed since).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan StorageRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Recent events kept in memory (the tail of the room log) and the most one replay returns after a reconnect (<c>JoinRoom(roomId, lastSeq)</c>).</summary>
    [Range(16, 100_000)]
    public int ReplayBufferSize { get; set; } = 1000;

    /// <summary>Events a brand-new viewer receives as history.</summary>
    [Range(0, 1000)]
    public int JoinHistory { get; set; } = 50;

    /// <summary>
    /// Comments per second a room shows live. Above it comments are sampled for display: each is accepted and
    /// counted, but only this many a second get a seq and reach viewers; every batch says how many were not shown
    /// (<c>sampled</c>). Gifts are never sampled. 0 shows every comment.
    /// </summary>
    [Range(0, 100_000)]
    public int CommentDisplayRate { get; set; } = 100;

    [Range(1, 2000)]
    public int MaxCommentLength { get; set; } = 300;

    [Range(1, 500)]
    public int MaxTitleLength { get; set; } = 100;

    /// <summary>A relay that has not re-subscribed or reported for this long is dropped (2-3x the relays' period).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a room waits for one silo to take a batch before dropping that silo's subscription.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan FanoutTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Least time between two directory updates of a room's viewer and like counts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DirectoryUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);
}
