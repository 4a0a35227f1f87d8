namespace LiveInteract.Media.Hls;

/// <summary>A snapshot of the HLS encoder's health.</summary>
/// <param name="Status">Current state.</param>
/// <param name="FramesWritten">Frames handed to ffmpeg.</param>
/// <param name="FramesDropped">Frames not handed to ffmpeg (it was busy, failed, or stopping).</param>
/// <param name="Starts">How many times ffmpeg was started (more than 1 means it was restarted).</param>
/// <param name="Width">Encoded width, 0 before the first frame.</param>
/// <param name="Height">Encoded height, 0 before the first frame.</param>
/// <param name="PlaylistPath">Where the live playlist is written.</param>
/// <param name="LastError">The latest failure, with ffmpeg's last error line when it gave one.</param>
public sealed record HlsStats(
    HlsStatus Status,
    long FramesWritten,
    long FramesDropped,
    int Starts,
    int Width,
    int Height,
    string PlaylistPath,
    string? LastError);
