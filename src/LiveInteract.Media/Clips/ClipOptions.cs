namespace LiveInteract.Media.Clips;

/// <summary>How a pipeline keeps recent frames for clips.</summary>
/// <param name="Fps">Frames kept per second of video (and so frames per second of a clip).</param>
/// <param name="Width">Kept frames are shrunk to this width (never enlarged).</param>
/// <param name="MaxSeconds">The ring holds this many seconds: the longest clip.</param>
/// <param name="JpegQuality">Kept frames are stored as JPEG at this quality (a 320 px frame is ~10 KB, raw ~230 KB).</param>
public sealed record ClipOptions(int Fps = 10, int Width = 320, int MaxSeconds = 15, int JpegQuality = 75)
{
    /// <summary>The shortest clip a user may ask for, in seconds.</summary>
    public const int MinClipSeconds = 3;

    /// <summary>The longest clip a user may ask for, in seconds.</summary>
    public const int MaxClipSeconds = 15;

    /// <summary>Frames the ring holds.</summary>
    public int Capacity => Fps * MaxSeconds;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Fps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Fps, 30);
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSeconds, 60);
        ArgumentOutOfRangeException.ThrowIfLessThan(JpegQuality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(JpegQuality, 100);
    }
}
