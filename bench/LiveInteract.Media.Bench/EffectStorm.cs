using System.Diagnostics;
using System.Globalization;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Effects;
using LiveInteract.Media.Pipeline;
using LiveInteract.Media.Sources;

namespace LiveInteract.Media.Bench;

/// <summary>
/// A gift-effect storm on one room's pipeline: frames offered as fast as the pipeline takes them (what it can do) while
/// 100 mapped gifts a second arrive as effect triggers (80 from distinct senders, 20 repeats of running combos), against
/// the same stream without gifts. Reports frames processed per second, per round and the median of rounds.
/// Usage: LiveInteract.Media.Bench effect-storm [rounds] [seconds] [gifts-per-second]
/// </summary>
internal static class EffectStorm
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var rate = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
        var video = VideoFileSource.FindSampleVideo() ?? throw new FileNotFoundException("No sample video; install opencv-doc.");
        var frames = new List<byte[]>();
        using (var source = new VideoFileSource(video, new VideoFileSourceOptions(Width: 640, Height: 480, JpegQuality: 85)))
        {
            for (var i = 0; i < 120; i++) frames.Add(source.ReadJpeg()!);
        }

        var glasses = new FilterSpec("sticker", new Dictionary<string, string> { ["asset"] = "glasses" });
        var crown = new FilterSpec("sticker", new Dictionary<string, string> { ["asset"] = "crown" });
        var caption = GiftEffectFilter.Validate(new FilterSpec("overlay", new Dictionary<string, string> { ["position"] = "bottom" }));
        FilterSpec[] mapped = [glasses, crown, caption];
        Console.WriteLine($"video {Path.GetFileName(video)} 640x480, {rounds} rounds x {seconds} s per condition, storm {rate} mapped gifts/s, {Environment.ProcessorCount} cores");
        var baseline = new List<double>();
        var storm = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate the order so a load change on the shared machine does not favour one condition.
            foreach (var withStorm in round % 2 == 1 ? new[] { false, true } : [true, false])
            {
                var (fps, offered, dropped, shown) = await Round(frames, mapped, seconds, withStorm ? rate : 0);
                (withStorm ? storm : baseline).Add(fps);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} {(withStorm ? "storm   " : "baseline")}: {fps:F1} frames/s (effects offered {offered}, dropped {dropped}, shown {shown})"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median baseline {Median(baseline):F1} frames/s, median storm {Median(storm):F1} frames/s"));
    }

    private static async Task<(double Fps, long Offered, long Dropped, long Shown)> Round(List<byte[]> frames, FilterSpec[] mapped, double seconds, int rate)
    {
        await using var pipeline = new RoomPipeline("bench-storm");
        // Warm-up: face models, JIT.
        pipeline.Submit(frames[0]);
        await pipeline.WaitForFrameAsync(0);
        var startProcessed = pipeline.GetStats().FramesProcessed;
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        var gifts = rate == 0 ? Task.CompletedTask : Task.Run(async () =>
        {
            var sent = 0;
            while (clock.Elapsed < duration)
            {
                var due = (int)(clock.Elapsed.TotalSeconds * rate);
                for (; sent < due; sent++)
                {
                    // Every 5th gift repeats a running combo; the rest are new senders.
                    var combo = sent % 5 == 4 ? $"c{sent - 4}" : $"c{sent}";
                    pipeline.TriggerEffect(combo, $"gift{sent % 3}", $"Gift {sent % 3}", $"viewer{sent}", mapped[sent % 3], 3);
                }

                await Task.Delay(5);
            }
        });

        // Frames offered as fast as the pipeline processes them (one waiting slot; newer replaces older).
        long last = 0;
        var i = 0;
        while (clock.Elapsed < duration)
        {
            pipeline.Submit(frames[i++ % frames.Count]);
            var frame = await pipeline.WaitForFrameAsync(last);
            last = frame?.Sequence ?? last;
        }

        await gifts;
        var processed = pipeline.GetStats().FramesProcessed - startProcessed;
        var q = pipeline.Effects;
        return (processed / clock.Elapsed.TotalSeconds, q.Offered, q.Dropped, q.Shown);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
