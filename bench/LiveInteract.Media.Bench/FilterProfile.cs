using System.Globalization;
using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Sources;
using OpenCvSharp;

namespace LiveInteract.Media.Bench;

/// <summary>
/// Only the target chain (glasses + crown + beauty + warm) over and over on tracked real frames, nothing else: a steady
/// loop to run under a sampling profiler (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>), so its samples are
/// the filters' and not the decoder's or the detector's.
/// Usage: LiveInteract.Media.Bench profile-filters [width] [height] [passes]
/// </summary>
internal static class FilterProfile
{
    public static void Run(string[] args)
    {
        var width = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1280;
        var height = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 720;
        var passes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var video = VideoFileSource.FindSampleVideo() ?? throw new FileNotFoundException("No sample video; install opencv-doc.");
        var frames = new List<(Mat Frame, IReadOnlyList<TrackedFace> Faces)>();
        using (var source = new VideoFileSource(video, new VideoFileSourceOptions(Width: width, Height: height)))
        using (var tracker = new FaceTracker())
        {
            for (var i = 0; i < 150; i++)
            {
                var m = Cv2.ImDecode(source.ReadJpeg()!, ImreadModes.Color);
                frames.Add((m, tracker.Update(m).ToList()));
            }
        }

        var chain = FilterChain.Parse(
        [
            ArRound.Spec("sticker", ("asset", "glasses")), ArRound.Spec("sticker", ("asset", "crown")),
            ArRound.Spec("beauty", ("strength", "0.6")), ArRound.Spec("look", ("name", "warm")),
        ]);
        using var work = new Mat();
        var start = ThreadCpuClock.NowMs();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var (frame, faces) in frames)
            {
                frame.CopyTo(work);
                chain.Apply(work, faces);
            }
        }

        var ms = ThreadCpuClock.NowMs() - start;
        Console.WriteLine($"{width}x{height}: {passes * frames.Count} chain applications, {ms / (passes * frames.Count):F3} CPU ms each (copy included)");
        frames.ForEach(f => f.Frame.Dispose());
    }
}
