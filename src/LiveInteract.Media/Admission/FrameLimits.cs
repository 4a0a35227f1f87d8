namespace LiveInteract.Media.Admission;

/// <summary>
/// Caps checked on every incoming frame before any decoding, so a hostile or broken client cannot make
/// the server allocate a huge bitmap. The defaults admit 1080p camera frames.
/// </summary>
/// <param name="MaxBytes">Largest accepted message in bytes.</param>
/// <param name="MaxWidth">Largest accepted width in pixels.</param>
/// <param name="MaxHeight">Largest accepted height in pixels.</param>
/// <param name="MaxPixels">Largest accepted width * height.</param>
public sealed record FrameLimits(
    int MaxBytes = 2 * 1024 * 1024,
    int MaxWidth = 1920,
    int MaxHeight = 1920,
    long MaxPixels = 1920L * 1080L)
{
    /// <summary>The default caps (2 MiB, 1920 per side, 1920x1080 pixels).</summary>
    public static FrameLimits Default { get; } = new();
}
