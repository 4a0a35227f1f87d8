namespace LiveInteract.Media.Pipeline;

/// <summary>
/// Per-stage cost in milliseconds, as an exponential moving average over recent frames (about the last 20),
/// so a dashboard shows the current cost rather than the average since the room opened.
/// </summary>
/// <param name="DecodeMs">JPEG decode.</param>
/// <param name="TrackMs">Face detection or tracking (0 when the chain needs no faces).</param>
/// <param name="FiltersMs">The whole filter chain.</param>
/// <param name="EncodeMs">Preview JPEG encode.</param>
/// <param name="HlsMs">Handing the frame to the HLS encoder (resize and copy; ffmpeg runs in its own process).</param>
/// <param name="ProcessMs">Decode through HLS hand-off: the CPU cost of one frame on the pipeline thread.</param>
/// <param name="LatencyMs">From <c>Submit</c> to the preview frame being published, including time spent waiting.</param>
public sealed record StageTimings(
    double DecodeMs,
    double TrackMs,
    double FiltersMs,
    double EncodeMs,
    double HlsMs,
    double ProcessMs,
    double LatencyMs)
{
    /// <summary>All zero: nothing processed yet.</summary>
    public static StageTimings Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    internal StageTimings Blend(StageTimings sample, double weight)
    {
        double B(double old, double now) => old == 0 ? now : old + (weight * (now - old));
        return new StageTimings(
            B(DecodeMs, sample.DecodeMs),
            B(TrackMs, sample.TrackMs),
            B(FiltersMs, sample.FiltersMs),
            B(EncodeMs, sample.EncodeMs),
            B(HlsMs, sample.HlsMs),
            B(ProcessMs, sample.ProcessMs),
            B(LatencyMs, sample.LatencyMs));
    }
}
