using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Bench.Haar;
using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Pipeline;
using LiveInteract.Media.Sources;
using OpenCvSharp;

namespace LiveInteract.Media.Bench;

/// <summary>
/// One round of the AR bench at one frame size: every stage on the same real frames (thread CPU time, codec floor in
/// the same run), written as a full table into the report and returned as the named measures the rounds summary
/// takes medians of.
/// </summary>
internal static class ArRound
{
    private const int InputJpegQuality = 85;
    private const int PreviewJpegQuality = 80;

    private static readonly ImageEncodingParam[] EncodeParams = [new(ImwriteFlags.JpegQuality, PreviewJpegQuality)];

    public static FilterSpec Spec(string kind, params (string Key, string Value)[] options) =>
        new(kind, options.ToDictionary(o => o.Key, o => o.Value));

    private static readonly (string Label, FilterSpec Spec)[] SingleFilters =
    [
        ("sticker glasses", Spec("sticker", ("asset", "glasses"))),
        ("sticker crown", Spec("sticker", ("asset", "crown"))),
        ("beauty 0.6", Spec("beauty", ("strength", "0.6"))),
        ("look warm (LUT)", Spec("look", ("name", "warm"))),
        ("look mono (mix)", Spec("look", ("name", "mono"))),
        ("look vintage (mix+LUT)", Spec("look", ("name", "vintage"))),
        ("pixelate", Spec("pixelate")),
        ("blur", Spec("blur")),
        ("overlay", Spec("overlay", ("text", "Ann sent a Rose x5"), ("icon", "rose"))),
    ];

    private static readonly FilterChain TargetChain = FilterChain.Parse(
    [
        Spec("sticker", ("asset", "glasses")), Spec("sticker", ("asset", "crown")), Spec("beauty", ("strength", "0.6")), Spec("look", ("name", "warm")),
    ]);

    public static string Header(string video, int frameCount) =>
        $"Video: `{video}`, {frameCount} frames per size, input JPEG quality {InputJpegQuality}, preview JPEG quality {PreviewJpegQuality}.\n" +
        $"OpenCV {Cv2.GetVersionString()}, threads {Cv2.GetNumThreads()}, .NET {Environment.Version}, {Environment.ProcessorCount} cores.\n";

    /// <summary>Measures one size; appends its table to <paramref name="report"/> and returns the summary measures.</summary>
    public static async Task<Dictionary<string, double>> RunAsync(string video, int frameCount, Size size, StringBuilder report)
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
        var detectSmall = new StageSamples("BlazeFace 256 px, whole frame (small faces: on the thread pool, only while nothing is tracked, 1 pass in 2)");
        var haarFull = new StageSamples("Haar (replaced), full-frame scan, for comparison");
        var track = new StageSamples("track, per frame (a detection pass on 1 frame in 3, up to 1 in 9 on a steady face; the median frame carries the faces)");
        // Each measured chain keeps its stream's state (the sticker warps a still face reuses), as a room's pipeline does.
        var filters = SingleFilters.Select(f => (f.Label, Chain: FilterChain.Parse([f.Spec]), Samples: new StageSamples(f.Label), State: new FilterStreamState())).ToList();
        using var chainState = new FilterStreamState();
        using var pipelineState = new FilterStreamState();
        var chain = new StageSamples("filters: glasses + crown + beauty + warm");
        var pipeline = new StageSamples("whole pipeline: decode + track + filters + encode");
        var pipelineInline = new StageSamples("whole pipeline, every inference on the frame thread (SearchOffThread off): the whole CPU cost");
        var startup = new StageSamples("new FaceTracker (loads the models; warms them where the tracker does)");
        var firstUpdate = new StageSamples("first Update of a new tracker (its first inference)");

        // A tracker's one-off costs, outside the per-frame rows: loading the models, then its first frame.
        using (var m = Cv2.ImDecode(jpegs[0], ImreadModes.Color))
        {
            using var fresh = startup.Measure(() => new FaceTracker(new FaceTrackerOptions()));
            firstUpdate.Measure(() => fresh.Update(m));
        }

        using var detector = new BlazeFaceDetector(FaceModelFiles.FrontModel);
        using var small = new BlazeFaceDetector(FaceModelFiles.BackModel);
        using var haar = new HaarFaceDetector(new HaarTrackerOptions());
        using var tracker = new FaceTracker(new FaceTrackerOptions());
        using var pipelineTracker = new FaceTracker(new FaceTrackerOptions());
        using var inlineTracker = new FaceTracker(new FaceTrackerOptions(SearchOffThread: false));
        using var inlineState = new FilterStreamState();
        using var work = new Mat();
        var framesWithFaces = 0;
        var passes = new List<string>();

        // Warm-up: first-call costs (cascade buffers, JIT) are not what a running room pays. The trackers are not
        // warmed here: what they pay on their first frames is theirs to avoid.
        foreach (var jpeg in jpegs.Take(5))
        {
            using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
            detector.Detect(m);
            small.Detect(m);
            TargetChain.Apply(m, []);
            Cv2.ImEncode(".jpg", m, out _, EncodeParams);
        }

        foreach (var jpeg in jpegs)
        {
            using var frame = decode.Measure(() => Cv2.ImDecode(jpeg, ImreadModes.Color));
            encode.Measure(() => Cv2.ImEncode(".jpg", frame, out _, EncodeParams));
            floor.Measure(() =>
            {
                using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
                Cv2.ImEncode(".jpg", m, out _, EncodeParams);
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

            foreach (var (_, one, samples, state) in filters)
            {
                frame.CopyTo(work);
                samples.Measure(() =>
                {
                    one.Apply(work, faces, state);
                    state.EndFrame();
                });
            }

            frame.CopyTo(work);
            chain.Measure(() =>
            {
                TargetChain.Apply(work, faces, chainState);
                chainState.EndFrame();
            });

            pipeline.Measure(() =>
            {
                using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
                var f = pipelineTracker.Update(m);
                TargetChain.Apply(m, f, pipelineState);
                pipelineState.EndFrame();
                Cv2.ImEncode(".jpg", m, out _, EncodeParams);
            });
            passes.Add(Pass(pipelineTracker));
            pipelineInline.Measure(() =>
            {
                using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
                TargetChain.Apply(m, inlineTracker.Update(m), inlineState);
                inlineState.EndFrame();
                Cv2.ImEncode(".jpg", m, out _, EncodeParams);
            });
        }

        // The real RoomPipeline (background task, stats, publishing), driven one frame at a time. Its thread hops,
        // so its cost is the whole process's CPU time (GC included) per frame.
        var roomCpuMs = await RoomPipelineCpuPerFrameAsync(jpegs, TargetChain.Specs);
        var still = StillFacePipeline(size, frameCount);

        var baseline = floor.MedianCpuMs;
        report.AppendLine(CultureInfo.InvariantCulture, $"### {size.Width}x{size.Height} (face on {framesWithFaces} of {jpegs.Count} frames)");
        report.AppendLine();
        report.AppendLine("| stage | median ms (CPU) | p90 ms (CPU) | median ms (wall) | frames/s per core | x codec floor |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        void Row(StageSamples s) => report.AppendLine(CultureInfo.InvariantCulture,
            $"| {s.Name} | {s.MedianCpuMs:F2} | {s.P90CpuMs:F2} | {s.MedianWallMs:F2} | {1000 / Math.Max(0.001, s.MedianCpuMs):F0} | {s.MedianCpuMs / baseline:F2} |");
        foreach (var s in new[] { decode, encode, floor, startup, firstUpdate, detectFull, detectNear, detectSmall, haarFull, track })
        {
            Row(s);
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| track, mean per frame (the real average cost) | {track.MeanCpuMs:F2} | | | {1000 / track.MeanCpuMs:F0} | {track.MeanCpuMs / baseline:F2} |");
        foreach (var (_, _, samples, state) in filters)
        {
            Row(samples);
            state.Dispose();
        }

        Row(chain);
        Row(pipeline);
        var slowest = pipeline.IndexOfMax;
        var over = Enumerable.Range(0, passes.Count).Where(i => pipeline.Cpu[i] > 2 * pipeline.MedianCpuMs).ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"| whole pipeline, mean | {pipeline.MeanCpuMs:F2} | | | {1000 / pipeline.MeanCpuMs:F0} | {pipeline.MeanCpuMs / floor.MeanCpuMs:F2} (vs floor mean) |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {pipelineInline.Name}, mean | {pipelineInline.MeanCpuMs:F2} | | | {1000 / pipelineInline.MeanCpuMs:F0} | {pipelineInline.MeanCpuMs / floor.MeanCpuMs:F2} (vs floor mean) |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| whole pipeline, slowest frame (#{slowest}, tracker: {passes[slowest]}) | {pipeline.MaxCpuMs:F2} | | | | {pipeline.MaxCpuMs / pipeline.MedianCpuMs:F2} x the median frame |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| RoomPipeline end to end, process CPU per frame (GC, stats, publishing included) | {roomCpuMs:F2} | | | {1000 / roomCpuMs:F0} | {roomCpuMs / baseline:F2} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| still face (portrait photo, fresh noise + JPEG per frame): codec floor, mean | {still.Floor:F2} | | | | 1.00 |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| still face: whole pipeline, mean ({still.AdaptiveDetections} inferences, {still.OffThreadDetections} handed off) | {still.Adaptive:F2} | | | | {still.Adaptive / still.Floor:F2} (vs its floor mean) |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| still face: whole pipeline, mean, every inference on the frame thread ({still.FixedDetections} inferences) | {still.Fixed:F2} | | | | {still.Fixed / still.Floor:F2} (vs its floor mean) |");
        report.AppendLine();
        var slowFrames = over.Count == 0 ? "" : $" ({string.Join(", ", over.Select(i => $"#{i} {pipeline.Cpu[i]:F1} ms {passes[i]}"))})";
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Whole pipeline vs codec floor: {pipeline.MedianCpuMs / baseline:F2}x (median), **{pipeline.MeanCpuMs / floor.MeanCpuMs:F2}x (mean)**; slowest frame #{slowest} ({passes[slowest]}) {pipeline.MaxCpuMs / pipeline.MedianCpuMs:F2}x the median frame, {over.Count} frames over 2x{slowFrames}. Core share for one room at 30 fps: **{30 * pipeline.MeanCpuMs / 10:F0}%** of a core (mean cost), codec floor alone {30 * floor.MeanCpuMs / 10:F0}%.");
        report.AppendLine();

        double Filter(string label) => filters.Single(f => f.Label == label).Samples.MedianCpuMs;
        return new Dictionary<string, double>
        {
            ["floor"] = floor.MedianCpuMs,
            ["new tracker"] = startup.MedianCpuMs,
            ["first update"] = firstUpdate.MedianCpuMs,
            ["bf128 whole"] = detectFull.MedianCpuMs,
            ["bf128 square"] = detectNear.MedianCpuMs,
            ["bf256 whole"] = detectSmall.MedianCpuMs,
            ["haar full"] = haarFull.MedianCpuMs,
            ["track mean"] = track.MeanCpuMs,
            ["glasses"] = Filter("sticker glasses"),
            ["crown"] = Filter("sticker crown"),
            ["beauty"] = Filter("beauty 0.6"),
            ["warm look"] = Filter("look warm (LUT)"),
            ["filters"] = chain.MedianCpuMs,
            ["pipeline median"] = pipeline.MedianCpuMs,
            ["pipeline mean"] = pipeline.MeanCpuMs,
            ["slowest"] = pipeline.MaxCpuMs,
            ["slowest frame #"] = slowest,
            ["RoomPipeline/frame"] = roomCpuMs,
            ["ratio median"] = pipeline.MedianCpuMs / baseline,
            ["ratio mean"] = pipeline.MeanCpuMs / floor.MeanCpuMs,
            ["ratio mean, inference on frame thread"] = pipelineInline.MeanCpuMs / floor.MeanCpuMs,
            ["frames>2x, inference on frame thread"] = pipelineInline.Cpu.Count(c => c > 2 * pipelineInline.MedianCpuMs),
            ["slowest/median"] = pipeline.MaxCpuMs / pipeline.MedianCpuMs,
            ["frames>2x"] = over.Count,
            ["frames>2x, first 5"] = over.Count(i => i < 5),
            ["detections"] = pipelineTracker.Detections,
            ["detections off-thread"] = pipelineTracker.OffThreadDetections,
            ["sticker warps reused %"] = pipelineState.StickerWarps.HitPercent,
            ["of which moved by whole pixels %"] = MovedPercent(pipelineState),
            ["sticker draws fused %"] = FusedPercent(pipelineState),
            ["small scans off-thread"] = passes.Count(p => p.Contains("small-face scan handed off", StringComparison.Ordinal)),
            ["core %"] = 30 * pipeline.MeanCpuMs / 10,
            ["still: floor mean"] = still.Floor,
            ["still: pipeline mean"] = still.Adaptive,
            ["still: ratio mean"] = still.Adaptive / still.Floor,
            ["still: ratio mean, inference on frame thread"] = still.Fixed / still.Floor,
            ["still: detections"] = still.AdaptiveDetections,
            ["still: detections off-thread"] = still.OffThreadDetections,
            ["still: sticker warps reused %"] = still.WarpsReused,
        };
    }

    /// <summary>
    /// The whole pipeline on a face that holds still (the portrait photograph scaled to the frame's height, edges
    /// replicated to its width, fresh noise and JPEG per frame), with the tracker's searches handed off and with every
    /// inference on the frame thread (the whole CPU cost); mean CPU ms per frame against the codec floor on the same frames.
    /// </summary>
    private static (double Floor, double Adaptive, double Fixed, long AdaptiveDetections, long FixedDetections, double WarpsReused, long OffThreadDetections) StillFacePipeline(Size size, int count)
    {
        using var photo = Cv2.ImRead(TrackerQuality.Portrait);
        using var square = photo.Resize(new Size(size.Height, size.Height), 0, 0, InterpolationFlags.Area);
        using var framed = new Mat();
        var side = (size.Width - size.Height) / 2;
        Cv2.CopyMakeBorder(square, framed, 0, 0, side, size.Width - size.Height - side, BorderTypes.Replicate);
        var jpegs = TrackerQuality.StillFace(framed, count).Select(m =>
        {
            Cv2.ImEncode(".jpg", m, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, InputJpegQuality));
            m.Dispose();
            return jpeg;
        }).ToList();

        var floor = new StageSamples("floor");
        var adaptive = new StageSamples("adaptive");
        var fixedInterval = new StageSamples("fixed");
        using var adaptiveTracker = new FaceTracker(new FaceTrackerOptions());
        using var fixedTracker = new FaceTracker(new FaceTrackerOptions(SearchOffThread: false));
        var adaptiveChain = FilterChain.Parse(TargetChain.Specs);
        var fixedChain = FilterChain.Parse(TargetChain.Specs);
        using var adaptiveState = new FilterStreamState();
        using var fixedState = new FilterStreamState();
        foreach (var jpeg in jpegs)
        {
            floor.Measure(() =>
            {
                using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
                Cv2.ImEncode(".jpg", m, out _, EncodeParams);
            });
            foreach (var (samples, tracker, chain, state) in new[] { (adaptive, adaptiveTracker, adaptiveChain, adaptiveState), (fixedInterval, fixedTracker, fixedChain, fixedState) })
            {
                samples.Measure(() =>
                {
                    using var m = Cv2.ImDecode(jpeg, ImreadModes.Color);
                    chain.Apply(m, tracker.Update(m), state);
                    state.EndFrame();
                    Cv2.ImEncode(".jpg", m, out _, EncodeParams);
                });
            }
        }

        return (floor.MeanCpuMs, adaptive.MeanCpuMs, fixedInterval.MeanCpuMs, adaptiveTracker.Detections, fixedTracker.Detections, adaptiveState.StickerWarps.HitPercent, adaptiveTracker.OffThreadDetections);
    }

    /// <summary>Share of the sticker draws answered with a kept warp moved by whole pixels (a sliding face), in percent.</summary>
    private static double MovedPercent(FilterStreamState state) =>
        state.StickerWarps.Hits + state.StickerWarps.Misses == 0 ? 0 : 100.0 * state.StickerWarps.MovedHits / (state.StickerWarps.Hits + state.StickerWarps.Misses);

    /// <summary>Share of the sticker draws sampled inside the blend (a sticker that moved: no warp kept), in percent.</summary>
    private static double FusedPercent(FilterStreamState state) =>
        state.StickerWarps.Hits + state.StickerWarps.Misses == 0 ? 0 : 100.0 * state.StickerWarps.FusedDraws / (state.StickerWarps.Hits + state.StickerWarps.Misses);

    /// <summary>What the tracker did on its last frame: carried the faces, or which detection pass it ran.</summary>
    private static string Pass(FaceTracker tracker) =>
        (!tracker.LastUpdateDetected ? "carried"
        : tracker.LastUpdateScannedFullFrame ? "full scan"
        : "square search")
        + (tracker.LastUpdateDetected && tracker.SearchInFlight is not null ? " (on the thread pool)" : "")
        + (tracker.LastUpdateStartedSmallFaceScan ? " + small-face scan handed off" : "")
        + (tracker.LastUpdateTookSmallFaces ? " + small faces taken" : "");

    private static async Task<double> RoomPipelineCpuPerFrameAsync(List<byte[]> jpegs, IReadOnlyList<FilterSpec> specs)
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
}
