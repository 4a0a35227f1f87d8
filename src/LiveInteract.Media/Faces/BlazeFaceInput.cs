using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// Where the input a <see cref="BlazeFaceDetector"/> prepared came from: the frame region letterboxed into it, its scale
/// to the model's input and its offset there, so the faces found can be mapped back to frame pixels. Scale 0: an empty
/// region, nothing to run.
/// </summary>
public readonly record struct BlazeFaceInput(Rect Area, double Scale, Point Offset);
