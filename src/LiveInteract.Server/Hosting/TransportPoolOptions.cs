using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Server.Hosting;

/// <summary>The memory pool under Kestrel's sockets and pipes ("TransportPool" section; <see cref="TrimmingBlockPool"/>).</summary>
public sealed class TransportPoolOptions
{
    public const string Section = "TransportPool";

    /// <summary>
    /// How long a free 4 KiB block may stay unused before it goes back to the GC (checked four times in this span, so
    /// it goes within 1.25x of it). A burst's blocks (about one per viewer a room broadcast to at once) stay pooled
    /// while bursts recur within this span: keep it above <c>Rooms:MaxViewerCountInterval</c> (2 s), the longest a
    /// big room with joins and leaves goes between two broadcasts, or each of its broadcasts allocates its blocks again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan KeepUnusedFor { get; set; } = TimeSpan.FromSeconds(3);
}
