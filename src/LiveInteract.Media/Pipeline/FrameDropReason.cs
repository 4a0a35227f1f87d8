namespace LiveInteract.Media.Pipeline;

/// <summary>Why an accepted frame never reached the output.</summary>
public enum FrameDropReason
{
    /// <summary>A newer frame arrived while this one waited: latest frame wins.</summary>
    Superseded = 0,

    /// <summary>The headers looked right but OpenCV could not decode the image.</summary>
    DecodeFailed = 1,

    /// <summary>A stage threw; see <see cref="PipelineStats.LastError"/>.</summary>
    ProcessingFailed = 2,

    /// <summary>The pipeline stopped with this frame still waiting.</summary>
    Stopped = 3,
}
