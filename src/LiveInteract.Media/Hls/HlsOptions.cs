namespace LiveInteract.Media.Hls;

/// <summary>Settings for one room's HLS output.</summary>
/// <param name="OutputDirectory">Per-room directory for the playlist and segments; created if missing.</param>
/// <param name="Width">Encoded width (even); 0 takes it from the first frame. Fixed for the life of the stream.</param>
/// <param name="Height">Encoded height (even); 0 takes it from the first frame.</param>
/// <param name="Fps">Output frame rate; frames arriving slower are repeated, faster are dropped by ffmpeg.</param>
/// <param name="FfmpegPath">The ffmpeg executable (a name on PATH or a full path).</param>
/// <param name="SegmentSeconds">Target segment length; also the key-frame interval.</param>
/// <param name="PlaylistSize">Segments listed in the live playlist; older ones are deleted from disk.</param>
/// <param name="Preset">x264 preset; veryfast keeps a 720p30 stream well under one core.</param>
/// <param name="Crf">x264 constant-rate factor (quality); capped by <paramref name="MaxBitrateKbps"/>.</param>
/// <param name="MaxBitrateKbps">Bitrate ceiling so a noisy scene cannot blow up segment sizes.</param>
/// <param name="EncoderThreads">x264 threads; 0 lets ffmpeg decide.</param>
/// <param name="WriteTimeoutMs">A frame write that takes longer than this means ffmpeg is stuck: it is killed and restarted.</param>
/// <param name="RestartDelayMs">After a failure, wait this long before starting ffmpeg again.</param>
/// <param name="StartTimeoutMs">Allowance for the first frame after a start, which waits for ffmpeg to load and
/// open its encoder (over a second on a busy machine).</param>
public sealed record HlsOptions(
    string OutputDirectory,
    int Width = 0,
    int Height = 0,
    int Fps = 30,
    string FfmpegPath = "ffmpeg",
    double SegmentSeconds = 1.0,
    int PlaylistSize = 6,
    string Preset = "veryfast",
    int Crf = 23,
    int MaxBitrateKbps = 2500,
    int EncoderThreads = 0,
    int WriteTimeoutMs = 2000,
    int RestartDelayMs = 5000,
    int StartTimeoutMs = 10000)
{
    /// <summary>The playlist's file name inside <see cref="OutputDirectory"/>.</summary>
    public const string PlaylistFileName = "index.m3u8";

    /// <summary>Full path of the live playlist.</summary>
    public string PlaylistPath => Path.Combine(OutputDirectory, PlaylistFileName);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(FfmpegPath);
        ArgumentOutOfRangeException.ThrowIfNegative(Width);
        ArgumentOutOfRangeException.ThrowIfNegative(Height);
        ArgumentOutOfRangeException.ThrowIfLessThan(Fps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Fps, 60);
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentSeconds, 0.2);
        ArgumentOutOfRangeException.ThrowIfLessThan(PlaylistSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteTimeoutMs, 50);
        ArgumentOutOfRangeException.ThrowIfNegative(RestartDelayMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(StartTimeoutMs, 50);
        if ((Width == 0) != (Height == 0))
        {
            throw new ArgumentException("Give both Width and Height, or neither.", nameof(Width));
        }
    }
}
