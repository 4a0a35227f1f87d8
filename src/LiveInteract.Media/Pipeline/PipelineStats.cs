using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Admission;
using LiveInteract.Media.Hls;

namespace LiveInteract.Media.Pipeline;

/// <summary>A snapshot of one room pipeline, for metrics, health and the creator's dashboard.</summary>
/// <param name="FramesIn">Every call to Submit.</param>
/// <param name="FramesAccepted">Frames that passed admission.</param>
/// <param name="FramesProcessed">Frames decoded, filtered and published.</param>
/// <param name="Rejected">Frames refused at admission, by reason (reasons never seen are absent).</param>
/// <param name="Dropped">Accepted frames that were not published, by reason.</param>
/// <param name="Timings">Recent per-stage cost.</param>
/// <param name="Width">Size of the last processed frame.</param>
/// <param name="Height">Size of the last processed frame.</param>
/// <param name="FaceCount">Faces on the last processed frame.</param>
/// <param name="Filters">The active filter chain.</param>
/// <param name="LastError">The latest processing error, or null.</param>
/// <param name="Hls">HLS encoder health, or null when HLS is off.</param>
public sealed record PipelineStats(
    long FramesIn,
    long FramesAccepted,
    long FramesProcessed,
    IReadOnlyDictionary<FrameRejectReason, long> Rejected,
    IReadOnlyDictionary<FrameDropReason, long> Dropped,
    StageTimings Timings,
    int Width,
    int Height,
    int FaceCount,
    IReadOnlyList<FilterSpec> Filters,
    string? LastError,
    HlsStats? Hls)
{
    /// <summary>Sum of <see cref="Rejected"/>.</summary>
    public long FramesRejected => Rejected.Values.Sum();

    /// <summary>Sum of <see cref="Dropped"/>.</summary>
    public long FramesDropped => Dropped.Values.Sum();
}
