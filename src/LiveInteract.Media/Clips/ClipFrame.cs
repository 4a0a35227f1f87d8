namespace LiveInteract.Media.Clips;

/// <summary>One kept frame: when it was captured and its (downscaled, filtered) pixels as JPEG the pipeline encoded.</summary>
public sealed record ClipFrame(DateTimeOffset CapturedAt, byte[] Jpeg, int Width, int Height);
