using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Relays;

/// <summary>Per-silo room relays ("Relays" section).</summary>
public sealed class RelayOptions
{
    public const string Section = "Relays";

    /// <summary>How often each relay sends the room its local viewer count and summed likes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often relays re-subscribe (covers a room that deactivated, crashed or moved). Keep under a third of Rooms:SubscriptionExpiry.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A relay with no local viewers for this long unsubscribes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IdleLinger { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Batches a relay may hold before dropping (and later refetching by seq) rather than growing memory.</summary>
    [Range(8, 100_000)]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Bytes of one room's messages a viewer's connection may have unflushed (its socket not reading fast enough) before
    /// the viewer is lagged: taken out of the room's live stream and told <c>Lagged(roomId, lastSeq)</c> to rejoin from that
    /// seq. Bounds the memory a stalled viewer costs per room. Only writes that did not complete count: the transport's
    /// own buffer (64 KB) and the kernel's socket buffers come first.
    /// </summary>
    [Range(4096, 64L * 1024 * 1024)]
    public long ViewerBudgetBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long one write to a viewer's socket may stay unfinished before the server closes the connection (SignalR's
    /// <c>TransportSendTimeout</c>): a viewer that reads nothing for this long is disconnected, and its client reconnects
    /// and rejoins with <c>lastSeq</c>. A viewer that reads again sooner gets its queued messages, then <c>Lagged</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SocketSendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
