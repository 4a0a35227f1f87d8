using System.Diagnostics;
using LiveInteract.Media.Pipeline;
using LiveInteract.Media.Sources;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

/// <summary>
/// Measures the process's heap, so it runs alone: other test classes of this assembly run in parallel and their
/// allocations (videos, pipelines) landed in its figure (once +20 MiB).
/// </summary>
[Collection(Name)]
public sealed class PipelineMemoryTests
{
    public const string Name = "memory, measured alone";

    [Fact]
    public async Task Memory_stays_flat_over_300_frames_of_real_video()
    {
        // 30 distinct 640x480 frames of the cartoon (with a face), cycled.
        var frames = new List<byte[]>();
        using (var source = new VideoFileSource(TestData.Megamind, new VideoFileSourceOptions(Width: 640, Height: 480)))
        {
            for (var i = 0; i < 30; i++)
            {
                frames.Add(source.ReadJpeg()!);
            }
        }

        await using var pipeline = new RoomPipeline("memory");
        pipeline.SetFilters([Spec("beauty"), Spec("sticker", ("asset", "glasses")), Spec("look", ("name", "warm")), Spec("overlay", ("text", "Top gift: Rose x5"))]);

        long sequence = 0;
        async Task RunAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                pipeline.Submit(frames[i % frames.Count]);

                // Burst a second frame now and then so the replace-a-waiting-frame path is exercised too.
                if (i % 10 == 0)
                {
                    pipeline.Submit(frames[(i + 1) % frames.Count]);
                }

                var frame = await pipeline.WaitForFrameAsync(sequence).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
                sequence = frame!.Sequence;
            }
        }

        await RunAsync(60);
        var (managedBefore, workingSetBefore) = Measure();

        await RunAsync(300);
        var stats = await Eventually.Value(pipeline.GetStats, s => s.FramesProcessed + s.FramesDropped == s.FramesAccepted, "every accepted frame processed or dropped", TimeSpan.FromSeconds(20));
        var (managedAfter, workingSetAfter) = Measure();

        Assert.True(stats.FramesProcessed >= 300, $"processed {stats.FramesProcessed}");
        Assert.True(stats.FaceCount >= 0);
        Assert.True(managedAfter - managedBefore < 8 * 1024 * 1024, $"managed heap grew {(managedAfter - managedBefore) / 1024} KiB");
        Assert.True(workingSetAfter - workingSetBefore < 48 * 1024 * 1024, $"working set grew {(workingSetAfter - workingSetBefore) / 1024} KiB");
    }

    private static (long Managed, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}

[CollectionDefinition(PipelineMemoryTests.Name, DisableParallelization = true)]
public sealed class PipelineMemoryCollection;
