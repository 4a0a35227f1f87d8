using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Bench;
using LiveInteract.Media.Bench.Haar;
using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Pipeline;
using LiveInteract.Media.Sources;
using OpenCvSharp;

// Usage: LiveInteract.Media.Bench [frames-per-size] [video]
//        LiveInteract.Media.Bench effect-storm [rounds] [seconds] [gifts-per-second]
// One OpenCV thread, so every number is the cost on one core.
Cv2.SetNumThreads(1);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "effect-storm")
{
    await EffectStorm.RunAsync(args);
    return;
}
var frameCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 150;
var video = args.Length > 1 ? args[1] : VideoFileSource.FindSampleVideo() ?? throw new FileNotFoundException("No sample video; install opencv-doc.");

const int InputJpegQuality = 85;
const int PreviewJpegQuality = 80;
var encodeParams = new[] { new ImageEncodingParam(ImwriteFlags.JpegQuality, PreviewJpegQuality) };

FilterSpec Spec(string kind, params (string Key, string Value)[] options) => new(kind, options.ToDictionary(o => o.Key, o => o.Value));
var singleFilters = new (string Label, FilterSpec Spec)[]
{
    ("sticker glasses", Spec("sticker", ("asset", "glasses"))),
    ("sticker crown", Spec("sticker", ("asset", "crown"))),
    ("beauty 0.6", Spec("beauty", ("strength", "0.6"))),
    ("look warm (LUT)", Spec("look", ("name", "warm"))),
    ("look mono (mix)", Spec("look", ("name", "mono"))),
    ("look vintage (mix+LUT)", Spec("look", ("name", "vintage"))),
    ("pixelate", Spec("pixelate")),
    ("blur", Spec("blur")),
    ("overlay", Spec("overlay", ("text", "Ann sent a Rose x5"), ("icon", "rose"))),
};
var targetChain = FilterChain.Parse(
[
    Spec("sticker", ("asset", "glasses")), Spec("sticker", ("asset", "crown")), Spec("beauty", ("strength", "0.6")), Spec("look", ("name", "warm")),
]);

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Video: `{video}`, {frameCount} frames per size, input JPEG quality {InputJpegQuality}, preview JPEG quality {PreviewJpegQuality}.");
report.AppendLine(CultureInfo.InvariantCulture, $"OpenCV {Cv2.GetVersionString()}, threads {Cv2.GetNumThreads()}, .NET {Environment.Version}, {Environment.ProcessorCount} cores.");
report.AppendLine();

foreach (var size in new[] { new Size(640, 480), new Size(1280, 720) })
{
    // Real frames, JPEG-encoded the way a phone would send them.
    var jpegs = new List<byte[]>();
    using (var source = new VideoFileSource(video, new VideoFileSourceOptions(Width: size.Width, Height: size.Height, JpegQuality: InputJpegQuality)))
    {
        for (var i = 0; i < frameCount; i++)
        {
            jpegs.Add(source.ReadJpeg()!);
        }
    }

    var decode = new StageSamples("decode");
    var encode = new StageSamples("encode (preview JPEG)");
    var floor = new StageSamples("codec floor: decode + encode");
    var detectFull = new StageSamples("BlazeFace 128 px, whole frame (every 4th pass, after a miss, while nothing is tracked)");
    var detectNear = new StageSamples("BlazeFace 128 px, square around a tracked face (the usual pass, per face)");
    var detectSmall = new StageSamples("BlazeFace 256 px, whole frame (small faces: only while nothing is tracked, 1 pass in 2)");
    var haarFull = new StageSamples("Haar (replaced), full-frame scan, for comparison");
    var track = new StageSamples("track, per frame (a detection pass on 1 frame in 3; the median frame carries the faces)");
    var filters = singleFilters.Select(f => (f.Label, Chain: FilterChain.Parse([f.Spec]), Samples: new StageSamples(f.Label))).ToList();
    var chain = new StageSamples("filters: glasses + crown + beauty + warm");
    var pipeline = new StageSamples("whole pipeline: decode + track + filters + encode");

    using var detector = new BlazeFaceDetector(FaceModelFiles.FrontModel);
    using var small = new BlazeFaceDetector(FaceModelFiles.BackModel);
    using var haar = new HaarFaceDetector(new HaarTrackerOptions());
    using var tracker = new FaceTracker(new FaceTrackerOptions());
    using var pipelineTracker = new FaceTracker(new FaceTrackerOptions());
    using var work = new Mat();
    var framesWithFaces = 0;

    // Warm-up: first-call costs (cascade buffers, JIT) are not what a running room pays.
    foreach (var jpeg in jpegs.Take(5))
    {
        using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
        detector.Detect(m);
        targetChain.Apply(m, []);
        Cv2.ImEncode(".jpg", m, out _, encodeParams);
    }

    foreach (var jpeg in jpegs)
    {
        using var frame = decode.Measure(() => Cv2.ImDecode(jpeg, ImreadModes.Color));
        encode.Measure(() => Cv2.ImEncode(".jpg", frame, out _, encodeParams));
        floor.Measure(() =>
        {
            using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
            Cv2.ImEncode(".jpg", m, out _, encodeParams);
        });

        var found = detectFull.Measure(() => detector.Detect(frame));
        detectSmall.Measure(() => small.Detect(frame));
        haarFull.Measure(() => haar.Detect(frame));
        if (found.Count > 0)
        {
            var b = found[0].Box;
            var side = (int)(2 * Math.Max(b.Width, b.Height));
            var roi = new Rect((int)(b.X + (b.Width / 2) - (side / 2)), (int)(b.Y + (b.Height / 2) - (side / 2)), side, side);
            detectNear.Measure(() => detector.Detect(frame, roi));
        }

        var faces = track.Measure(() => tracker.Update(frame));
        framesWithFaces += faces.Count > 0 ? 1 : 0;

        foreach (var (_, one, samples) in filters)
        {
            frame.CopyTo(work);
            samples.Measure(() => one.Apply(work, faces));
        }

        frame.CopyTo(work);
        chain.Measure(() => targetChain.Apply(work, faces));

        pipeline.Measure(() =>
        {
            using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
            var f = pipelineTracker.Update(m);
            targetChain.Apply(m, f);
            Cv2.ImEncode(".jpg", m, out _, encodeParams);
        });
    }

    // The real RoomPipeline (background task, stats, publishing), driven one frame at a time. Its thread hops,
    // so its cost is the whole process's CPU time (GC included) per frame.
    var roomCpuMs = await RoomPipelineCpuPerFrameAsync(jpegs, targetChain.Specs);

    var baseline = floor.MedianCpuMs;
    report.AppendLine(CultureInfo.InvariantCulture, $"### {size.Width}x{size.Height} (face on {framesWithFaces} of {jpegs.Count} frames)");
    report.AppendLine();
    report.AppendLine("| stage | median ms (CPU) | p90 ms (CPU) | median ms (wall) | frames/s per core | x codec floor |");
    report.AppendLine("|---|---:|---:|---:|---:|---:|");
    void Row(StageSamples s) => report.AppendLine(CultureInfo.InvariantCulture,
        $"| {s.Name} | {s.MedianCpuMs:F2} | {s.P90CpuMs:F2} | {s.MedianWallMs:F2} | {1000 / Math.Max(0.001, s.MedianCpuMs):F0} | {s.MedianCpuMs / baseline:F2} |");
    foreach (var s in new[] { decode, encode, floor, detectFull, detectNear, detectSmall, haarFull, track })
    {
        Row(s);
    }

    report.AppendLine(CultureInfo.InvariantCulture, $"| track, mean per frame (the real average cost) | {track.MeanCpuMs:F2} | | | {1000 / track.MeanCpuMs:F0} | {track.MeanCpuMs / baseline:F2} |");
    foreach (var (_, _, samples) in filters)
    {
        Row(samples);
    }

    Row(chain);
    Row(pipeline);
    report.AppendLine(CultureInfo.InvariantCulture, $"| whole pipeline, mean | {pipeline.MeanCpuMs:F2} | | | {1000 / pipeline.MeanCpuMs:F0} | {pipeline.MeanCpuMs / floor.MeanCpuMs:F2} (vs floor mean) |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| whole pipeline, slowest frame | {pipeline.MaxCpuMs:F2} | | | | {pipeline.MaxCpuMs / pipeline.MedianCpuMs:F2} x the median frame |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| RoomPipeline end to end, process CPU per frame (GC, stats, publishing included) | {roomCpuMs:F2} | | | {1000 / roomCpuMs:F0} | {roomCpuMs / baseline:F2} |");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture,
        $"Whole pipeline vs codec floor: {pipeline.MedianCpuMs / baseline:F2}x (median), **{pipeline.MeanCpuMs / floor.MeanCpuMs:F2}x (mean)**; slowest frame {pipeline.MaxCpuMs / pipeline.MedianCpuMs:F2}x the median frame, {pipeline.CountAbove(2 * pipeline.MedianCpuMs)} frames over 2x. " +
        $"Core share for one room at 30 fps: **{30 * pipeline.MeanCpuMs / 10:F0}%** of a core (mean cost), codec floor alone {30 * floor.MeanCpuMs / 10:F0}%.");
    report.AppendLine();
    Console.Error.WriteLine($"{size.Width}x{size.Height} done");
}

report.AppendLine("### Detection quality (same frames, BlazeFace tracker vs the Haar tracker it replaced)");
report.AppendLine();
report.AppendLine("| footage | frames | frames with a sticker, BlazeFace | frames with a sticker, Haar | only BlazeFace | only Haar | anchor move px/frame, BlazeFace (median / p90) | anchor move px/frame, Haar (median / p90) |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
const string Data = "/usr/share/doc/opencv-doc/examples/data/";
foreach (var (label, frames) in new (string, Func<List<Mat>>)[]
{
    ("Megamind.avi (720x528, all 270 frames)", () => TrackerQuality.Video(Data + "Megamind.avi", 270)),
    ("vtest.avi (768x576, first 300 frames)", () => TrackerQuality.Video(Data + "vtest.avi", 300)),
    ("still face: portrait photo, fresh noise + JPEG per frame (90 frames)", () => TrackerQuality.StillFace("/usr/share/doc/opencv-doc/opencv4/html/227943776_1.jpg", 90)),
})
{
    var list = frames();
    TrackerQuality.Report(report, label, list);
    list.ForEach(m => m.Dispose());
}

report.AppendLine();
Console.WriteLine(report.ToString());

static async Task<double> RoomPipelineCpuPerFrameAsync(IReadOnlyList<byte[]> jpegs, IReadOnlyList<FilterSpec> specs)
{
    await using var room = new RoomPipeline("bench");
    room.SetFilters(specs);
    long sequence = 0;
    async Task RunAsync(IEnumerable<byte[]> frames)
    {
        foreach (var jpeg in frames)
        {
            room.Submit(jpeg);
            sequence = (await room.WaitForFrameAsync(sequence))!.Sequence;
        }
    }

    await RunAsync(jpegs.Take(5));
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var before = process.TotalProcessorTime;
    await RunAsync(jpegs);
    process.Refresh();
    return (process.TotalProcessorTime - before).TotalMilliseconds / jpegs.Count;
}
