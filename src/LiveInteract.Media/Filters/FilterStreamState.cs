using LiveInteract.Media.Stickers;

namespace LiveInteract.Media.Filters;

/// <summary>
/// What the filters keep from one frame of a stream to the next (today: the warped stickers). Filters are immutable and
/// shared, so this lives with the stream: one per pipeline, used only by the thread running its frames, handed to
/// <see cref="FilterChain.Apply"/>. Call <see cref="EndFrame"/> once per frame after the chains are applied, so what no
/// face used any more is freed.
/// </summary>
public sealed class FilterStreamState : IDisposable
{
    internal StickerWarpCache StickerWarps { get; } = new();

    /// <summary>Ends the frame: state nothing used on it is dropped.</summary>
    public void EndFrame() => StickerWarps.EndFrame();

    /// <inheritdoc />
    public void Dispose() => StickerWarps.Dispose();
}
