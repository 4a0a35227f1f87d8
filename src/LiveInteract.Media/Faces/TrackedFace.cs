using OpenCvSharp;

namespace LiveInteract.Media.Faces;

/// <summary>
/// A face the tracker is following, in full-frame pixel coordinates.
/// <paramref name="Id"/> stays the same while the track lives, so effects can stay attached to one person.
/// <paramref name="MissedDetections"/> counts detection passes in a row that did not see this face.
/// </summary>
public readonly record struct TrackedFace(int Id, Rect Box, int MissedDetections);
