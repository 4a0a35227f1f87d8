namespace LiveInteract.Media.Sources;

/// <summary>Settings for <see cref="VideoFileSource"/>.</summary>
/// <param name="Fps">Frames per second to yield; null uses the file's own rate (25 if it does not say).</param>
/// <param name="Width">Resize frames to this width (with <paramref name="Height"/>); 0 keeps the file's size.</param>
/// <param name="Height">Resize frames to this height; 0 keeps the file's size.</param>
/// <param name="JpegQuality">JPEG quality (1-100) of the yielded frames.</param>
/// <param name="Loop">Start over at the end of the file instead of finishing.</param>
public sealed record VideoFileSourceOptions(
    double? Fps = null,
    int Width = 0,
    int Height = 0,
    int JpegQuality = 85,
    bool Loop = true);
