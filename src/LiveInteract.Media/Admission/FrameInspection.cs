namespace LiveInteract.Media.Admission;

/// <summary>The verdict on one frame: accepted with its header dimensions, or rejected with a reason.</summary>
public readonly record struct FrameInspection(FrameRejectReason Reason, int Width, int Height)
{
    /// <summary>True when the frame may be decoded.</summary>
    public bool Accepted => Reason == FrameRejectReason.None;

    internal static FrameInspection Reject(FrameRejectReason reason) => new(reason, 0, 0);
}
