namespace LiveInteract.Media.Hls;

/// <summary>Where the HLS encoder is in its life.</summary>
public enum HlsStatus
{
    /// <summary>No frame yet, so ffmpeg has not been started.</summary>
    NotStarted = 0,

    /// <summary>ffmpeg is running and being fed.</summary>
    Running = 1,

    /// <summary>ffmpeg is missing, exited, or stalled; see <see cref="HlsStats.LastError"/>. A restart is tried after the restart delay.</summary>
    Failed = 2,

    /// <summary>The encoder was disposed.</summary>
    Stopped = 3,
}
