namespace LiveInteract.Media.Pipeline;

/// <summary>
/// One processed frame as JPEG, ready to write into an MJPEG response. Immutable; safe to share between
/// any number of viewers.
/// </summary>
/// <param name="Sequence">1 for the first output frame, increasing by 1 per processed frame.</param>
/// <param name="Jpeg">The encoded image.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="FaceCount">Faces tracked on this frame.</param>
/// <param name="CapturedAt">When the source frame was submitted.</param>
public sealed record EncodedFrame(
    long Sequence,
    ReadOnlyMemory<byte> Jpeg,
    int Width,
    int Height,
    int FaceCount,
    DateTimeOffset CapturedAt);
