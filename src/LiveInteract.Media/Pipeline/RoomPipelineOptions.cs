using LiveInteract.Media.Admission;
using LiveInteract.Media.Clips;
using LiveInteract.Media.Effects;
using LiveInteract.Media.Faces;
using LiveInteract.Media.Hls;

namespace LiveInteract.Media.Pipeline;

/// <summary>Settings for one room's <see cref="RoomPipeline"/>.</summary>
/// <param name="Limits">Admission caps for incoming frames; null uses <see cref="FrameLimits.Default"/>.</param>
/// <param name="FaceTracking">Face tracker settings; null uses the defaults.</param>
/// <param name="PreviewJpegQuality">JPEG quality (1-100) of the MJPEG preview frames.</param>
/// <param name="Hls">HLS output; null means no HLS (preview only).</param>
/// <param name="Clips">The ring of recent frames for clips; null uses the defaults (10 fps, 320 px, 15 s).</param>
/// <param name="Effects">Bounds of the gift-effect queue; null uses the defaults.</param>
/// <param name="Time">The clock gift effects run on; null is the system clock (tests pass a fake one).</param>
public sealed record RoomPipelineOptions(
    FrameLimits? Limits = null,
    FaceTrackerOptions? FaceTracking = null,
    int PreviewJpegQuality = 80,
    HlsOptions? Hls = null,
    ClipOptions? Clips = null,
    GiftEffectScheduleOptions? Effects = null,
    TimeProvider? Time = null);
