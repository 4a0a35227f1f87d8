using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// One validated, immutable filter. Instances hold only parameters (and shared read-only tables), so a
/// chain can be swapped while another frame is being processed with the old one without any disposal race.
/// </summary>
internal interface IFrameFilter
{
    /// <summary>The filter kind as written in a <c>FilterSpec</c>.</summary>
    string Kind { get; }

    /// <summary>True when the filter uses face boxes; a chain with none skips face tracking entirely.</summary>
    bool NeedsFaces { get; }

    /// <summary>
    /// Changes <paramref name="bgr"/> (8-bit, 3 channels) in place. <paramref name="stream"/> is the stream's state
    /// kept between frames (null: nothing is kept, each frame is drawn from scratch).
    /// </summary>
    void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream);
}
