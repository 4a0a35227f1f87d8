using System.Buffers.Binary;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Admission;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Hls;
using LiveInteract.Media.Pipeline;
using OpenCvSharp;
using static LiveInteract.Media.Tests.PortraitFixture;

namespace LiveInteract.Media.Tests;

public sealed class RoomPipelineTests
{
    private static readonly byte[] Portrait = TestData.LoadBytes(TestData.Portrait);

    [Fact]
    public async Task Processes_a_frame_through_the_filters_into_a_preview_jpeg()
    {
        await using var pipeline = new RoomPipeline("room-1");
        pipeline.SetFilters([Spec("sticker", ("asset", "crown")), Spec("look", ("name", "mono"))]);

        // A stream's first frame only hands its face search off (no inference on the pipeline's thread): the face it
        // finds is drawn from the next frame on.
        Assert.True(pipeline.Submit(Portrait).Accepted);
        var first = await pipeline.WaitForFrameAsync(0).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal((1L, 0), (first!.Sequence, first.FaceCount));
        var verdict = pipeline.Submit(Portrait);
        var frame = await pipeline.WaitForFrameAsync(1).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(verdict.Accepted);
        Assert.NotNull(frame);
        Assert.Equal(2, frame.Sequence);
        Assert.Equal((434, 434, 1), (frame.Width, frame.Height, frame.FaceCount));
        using var decoded = Cv2.ImDecode(frame.Jpeg.Span, ImreadModes.Color);
        Assert.Equal(new Size(434, 434), decoded.Size());

        // Mono came last, so even the gold crown is grey (allowing for JPEG chroma noise).
        var mean = Cv2.Mean(decoded);
        Assert.InRange(Math.Abs(mean.Val0 - mean.Val2), 0, 3);

        // The frame is published before the pipeline counts it and records its timings.
        var stats = await Eventually.Value(pipeline.GetStats, s => s.FramesProcessed == 2 && s.Timings.EncodeMs > 0, "the frames counted with their timings", TimeSpan.FromSeconds(20));
        Assert.Equal((2L, 2L, 2L), (stats.FramesIn, stats.FramesAccepted, stats.FramesProcessed));
        Assert.True(stats.Timings.DecodeMs > 0 && stats.Timings.FiltersMs > 0 && stats.Timings.EncodeMs > 0);
        Assert.Equal(["sticker", "look"], stats.Filters.Select(f => f.Kind));
        Assert.Same(frame, pipeline.LatestFrame);
    }

    [Fact]
    public async Task Each_bad_input_is_rejected_with_its_reason_and_the_pipeline_keeps_working()
    {
        await using var pipeline = new RoomPipeline("room-2", new RoomPipelineOptions(Limits: new FrameLimits(MaxBytes: 200_000)));
        var oversize = new byte[200_001];
        Portrait.CopyTo(oversize, 0);

        Assert.Equal(FrameRejectReason.Empty, pipeline.Submit(ReadOnlyMemory<byte>.Empty).Reason);
        Assert.Equal(FrameRejectReason.TooLarge, pipeline.Submit(oversize).Reason);
        Assert.Equal(FrameRejectReason.NotJpeg, pipeline.Submit("GIF89a..."u8.ToArray()).Reason);
        Assert.Equal(FrameRejectReason.Truncated, pipeline.Submit(Portrait.AsMemory(0, Portrait.Length / 3)).Reason);
        Assert.Equal(FrameRejectReason.Corrupt, pipeline.Submit(CorruptAfterStart()).Reason);
        Assert.Equal(FrameRejectReason.DimensionsTooLarge, pipeline.Submit(FrameInspectorTests.WithHeaderSize(Portrait, 60000, 60000)).Reason);

        Assert.True(pipeline.Submit(Portrait).Accepted);
        var frame = await pipeline.WaitForFrameAsync(0).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(frame);

        var stats = await Eventually.Value(pipeline.GetStats, s => s.FramesProcessed + s.FramesDropped == s.FramesAccepted, "every accepted frame processed or dropped", TimeSpan.FromSeconds(20));
        Assert.Equal(7, stats.FramesIn);
        Assert.Equal(1, stats.FramesAccepted);
        Assert.Equal(1, stats.FramesProcessed);
        Assert.Equal(6, stats.FramesRejected);
        foreach (var reason in new[]
        {
            FrameRejectReason.Empty, FrameRejectReason.TooLarge, FrameRejectReason.NotJpeg,
            FrameRejectReason.Truncated, FrameRejectReason.Corrupt, FrameRejectReason.DimensionsTooLarge,
        })
        {
            Assert.Equal(1, stats.Rejected[reason]);
        }

        Assert.Null(stats.LastError);
    }

    [Fact]
    public async Task A_frame_with_valid_headers_that_cannot_be_decoded_is_dropped_and_reported()
    {
        await using var pipeline = new RoomPipeline("room-3");
        var broken = WithBogusHuffmanTable(Portrait);

        Assert.True(pipeline.Submit(broken).Accepted);
        var afterBad = await Eventually.Value(pipeline.GetStats, s => s.FramesProcessed + s.FramesDropped == s.FramesAccepted, "every accepted frame processed or dropped", TimeSpan.FromSeconds(20));
        Assert.Equal(1, afterBad.Dropped[FrameDropReason.DecodeFailed]);
        Assert.Contains("could not be decoded", afterBad.LastError, StringComparison.Ordinal);

        pipeline.Submit(Portrait);
        var frame = await pipeline.WaitForFrameAsync(0).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(frame);
        Assert.Equal(1, (await Eventually.Value(pipeline.GetStats, s => s.FramesProcessed + s.FramesDropped == s.FramesAccepted, "every accepted frame processed or dropped", TimeSpan.FromSeconds(20))).FramesProcessed);
    }

    [Fact]
    public async Task Latest_frame_wins_and_every_replaced_frame_is_counted()
    {
        await using var pipeline = new RoomPipeline("room-4");
        pipeline.SetFilters([Spec("beauty"), Spec("sticker"), Spec("look", ("name", "vintage"))]);
        using var photo = TestData.Load(TestData.Portrait);
        using var small = new Mat();
        Cv2.Resize(photo, small, new Size(320, 320));
        var last = TestData.Jpeg(small);

        for (var i = 0; i < 40; i++)
        {
            Assert.True(pipeline.Submit(Portrait).Accepted);
        }

        Assert.True(pipeline.Submit(last).Accepted);
        var stats = await Eventually.Value(pipeline.GetStats, s => s.FramesProcessed + s.FramesDropped == s.FramesAccepted, "every accepted frame processed or dropped", TimeSpan.FromSeconds(20));

        Assert.Equal(41, stats.FramesAccepted);
        Assert.Equal(41, stats.FramesProcessed + stats.Dropped.GetValueOrDefault(FrameDropReason.Superseded));
        Assert.True(stats.Dropped[FrameDropReason.Superseded] >= 30, $"only {stats.Dropped[FrameDropReason.Superseded]} superseded");
        Assert.Equal(stats.FramesProcessed, pipeline.LatestFrame!.Sequence);

        // The newest frame is never the one dropped.
        Assert.Equal(320, pipeline.LatestFrame.Width);
    }

    [Fact]
    public async Task An_invalid_filter_chain_is_refused_and_the_old_one_stays()
    {
        await using var pipeline = new RoomPipeline("room-5");
        pipeline.SetFilters([Spec("look", ("name", "cool"))]);

        var ex = Assert.Throws<InvalidFilterException>(() => pipeline.SetFilters([Spec("look", ("name", "neon"))]));

        Assert.Contains("neon", ex.Message, StringComparison.Ordinal);
        Assert.Equal("cool", pipeline.Filters.Specs[0].Options!["name"]);
    }

    [Fact]
    public async Task A_waiter_gets_the_next_frame_and_stopping_releases_waiters()
    {
        var pipeline = new RoomPipeline("room-6");
        var waiting = pipeline.WaitForFrameAsync(0).AsTask();
        Assert.False(waiting.IsCompleted);

        pipeline.Submit(Portrait);
        var first = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(first);

        var next = pipeline.WaitForFrameAsync(first.Sequence).AsTask();
        await pipeline.DisposeAsync();

        Assert.Null(await next.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(FrameRejectReason.PipelineStopped, pipeline.Submit(Portrait).Reason);
        Assert.Equal(1, pipeline.GetStats().Rejected[FrameRejectReason.PipelineStopped]);
        await pipeline.DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_leaves_the_pipeline_running()
    {
        await using var pipeline = new RoomPipeline("room-7");
        using var cts = new CancellationTokenSource(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.WaitForFrameAsync(0, cts.Token).AsTask());

        pipeline.Submit(Portrait);
        Assert.NotNull(await pipeline.WaitForFrameAsync(0).AsTask().WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_reported_in_stats_and_frames_still_flow()
    {
        var dir = Path.Combine(Path.GetTempPath(), "li-media-tests", Guid.NewGuid().ToString("N"));
        var options = new RoomPipelineOptions(Hls: new HlsOptions(dir, FfmpegPath: "/nonexistent/ffmpeg"));
        try
        {
            await StreamThreeFramesWithoutFfmpegAsync(options);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static async Task StreamThreeFramesWithoutFfmpegAsync(RoomPipelineOptions options)
    {
        await using var pipeline = new RoomPipeline("room-8", options);

        long seq = 0;
        for (var i = 0; i < 3; i++)
        {
            pipeline.Submit(Portrait);
            seq = (await pipeline.WaitForFrameAsync(seq).AsTask().WaitAsync(TimeSpan.FromSeconds(20)))!.Sequence;
        }

        // The pipeline publishes a frame just before it counts it as processed: wait for the count too.
        await Eventually.Until(() => pipeline.GetStats() is { Hls.Status: HlsStatus.Failed, FramesProcessed: 3 }, "the HLS failure reported and all three frames counted", TimeSpan.FromSeconds(10), () => pipeline.GetStats().ToString());

        var stats = pipeline.GetStats();
        Assert.Equal(3, stats.FramesProcessed);
        Assert.Equal(HlsStatus.Failed, stats.Hls!.Status);
        Assert.Contains("/nonexistent/ffmpeg", stats.Hls.LastError, StringComparison.Ordinal);
        Assert.Equal(0, stats.Hls.FramesWritten);
    }

    private static byte[] CorruptAfterStart()
    {
        var bytes = (byte[])Portrait.Clone();
        new Random(3).NextBytes(bytes.AsSpan(2, 400));
        bytes[2] = 0x42;
        return bytes;
    }

    /// <summary>A copy whose Huffman table has impossible code counts: the headers parse, the decoder gives up.</summary>
    private static byte[] WithBogusHuffmanTable(byte[] jpeg)
    {
        var copy = (byte[])jpeg.Clone();
        var dht = FrameInspectorTests.FindSegment(copy, m => m == 0xC4);
        Assert.True(BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(dht + 2, 2)) > 19);
        copy.AsSpan(dht + 5, 16).Fill(0xFF);
        return copy;
    }
}
