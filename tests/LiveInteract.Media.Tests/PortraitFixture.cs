using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using OpenCvSharp;

namespace LiveInteract.Media.Tests;

/// <summary>The portrait photo and its detected face, shared (read-only) by the filter tests.</summary>
public sealed class PortraitFixture : IDisposable
{
    public PortraitFixture()
    {
        Photo = TestData.Load(TestData.Portrait);
        using var tracker = TestData.StillTracker();
        var face = Assert.Single(tracker.Update(Photo));
        Assert.True(TestData.PortraitFaceCentre.Contains(TestData.Centre(face.Box)));
        Faces = [face];
    }

    public Mat Photo { get; }

    public IReadOnlyList<TrackedFace> Faces { get; }

    public Rect Face => Faces[0].Box;

    /// <summary>A copy of the photo with <paramref name="specs"/> applied.</summary>
    public Mat Apply(params FilterSpec[] specs)
    {
        var copy = Photo.Clone();
        FilterChain.Parse(specs).Apply(copy, Faces);
        return copy;
    }

    public void Dispose() => Photo.Dispose();

    public static FilterSpec Spec(string kind, params (string Key, string Value)[] options) =>
        new(kind, options.ToDictionary(o => o.Key, o => o.Value));
}
