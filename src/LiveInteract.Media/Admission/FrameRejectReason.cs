namespace LiveInteract.Media.Admission;

/// <summary>
/// Why a submitted frame was refused before decoding. Values are stable: the server maps them to a
/// WebSocket close status or a counted drop, and they appear by name in stats and metrics.
/// </summary>
public enum FrameRejectReason
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The message had no bytes.</summary>
    Empty = 1,

    /// <summary>The message is larger than <see cref="FrameLimits.MaxBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The bytes do not start with a JPEG start-of-image marker.</summary>
    NotJpeg = 3,

    /// <summary>The JPEG ends before its headers or its end-of-image marker.</summary>
    Truncated = 4,

    /// <summary>The JPEG marker structure is invalid (bad marker, bad segment length, no frame header before the scan).</summary>
    Corrupt = 5,

    /// <summary>Width, height or pixel count in the frame header exceed <see cref="FrameLimits"/>.</summary>
    DimensionsTooLarge = 6,

    /// <summary>The pipeline has been disposed.</summary>
    PipelineStopped = 7,
}
