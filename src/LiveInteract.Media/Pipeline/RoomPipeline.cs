using System.Diagnostics;
using System.Threading.Channels;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Admission;
using LiveInteract.Media.Clips;
using LiveInteract.Media.Effects;
using LiveInteract.Media.Faces;
using LiveInteract.Media.Filters;
using LiveInteract.Media.Hls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace LiveInteract.Media.Pipeline;

/// <summary>
/// One room's video path: admission, then on a background task decode, face tracking, the filter chain,
/// a JPEG preview and the HLS encoder.
/// <para>
/// Bounded by construction: <see cref="Submit"/> checks the frame's headers and copies it into a single
/// waiting slot (a newer frame replaces a waiting one, which is counted as <see cref="FrameDropReason.Superseded"/>);
/// the background task processes one frame at a time. Memory therefore never holds more than one frame in
/// flight, one waiting, one preview and one HLS frame, whatever the sender does.
/// </para>
/// </summary>
public sealed class RoomPipeline : IAsyncDisposable, IDisposable
{
    private const double TimingWeight = 0.1;

    private static readonly Task<FaceTracker?> NoTracker = Task.FromResult<FaceTracker?>(null);

    private readonly string _roomId;
    private readonly RoomPipelineOptions _options;
    private readonly FrameLimits _limits;
    private readonly ILogger _logger;
    private readonly PipelineCounters _counters = new();
    private readonly FramePublisher _publisher = new();
    private readonly Channel<PendingFrame> _waiting;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HlsEncoder? _hls;
    private readonly ClipFrameRing _clips;

    // Only the worker uses it (one frame at a time), freed after the worker has stopped.
    private readonly FilterStreamState _filterState = new();
    private readonly Task _worker;
    private readonly Lock _statsGate = new();

    private FilterChain _chain = FilterChain.Empty;
    private Task<FaceTracker?>? _trackerLoad;
    private StageTimings _timings = StageTimings.Zero;
    private string? _lastError;
    private int _width;
    private int _height;
    private int _faceCount;
    private long _sequence;
    private int _disposed;

    /// <summary>Starts the pipeline's background task (and, lazily with the first frame, ffmpeg when HLS is on).</summary>
    public RoomPipeline(string roomId, RoomPipelineOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        _roomId = roomId;
        _options = options ?? new RoomPipelineOptions();
        if (_options.PreviewJpegQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.PreviewJpegQuality, "PreviewJpegQuality must be 1-100.");
        }

        _limits = _options.Limits ?? FrameLimits.Default;
        _logger = logger ?? NullLogger.Instance;
        _options.FaceTracking?.Validate();
        _waiting = Channel.CreateBounded<PendingFrame>(
            new BoundedChannelOptions(1)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            dropped =>
            {
                dropped.Release();
                _counters.CountDropped(FrameDropReason.Superseded);
            });
        _hls = _options.Hls is null ? null : new HlsEncoder(_options.Hls, _logger);
        _clips = new ClipFrameRing(_options.Clips);
        Effects = new GiftEffectSchedule(_options.Effects, _options.Time);
        _worker = Task.Run(ProcessLoopAsync);
    }

    /// <summary>
    /// Gift-triggered effects: each frame draws the one on screen after the room's own filters (so a sticker sits on
    /// top of a look, and the caption on top of both). Offer triggers with <see cref="TriggerEffect"/>.
    /// </summary>
    public GiftEffectSchedule Effects { get; }

    /// <summary>
    /// Queues a gift's effect (see <see cref="GiftEffectSchedule"/> for order, combo merging and bounds). Returns
    /// <see cref="EffectOffer.Dropped"/> too when the filter cannot be drawn.
    /// </summary>
    public EffectOffer TriggerEffect(string comboId, string giftId, string giftName, string? sender, FilterSpec filter, int seconds)
    {
        if (Volatile.Read(ref _disposed) != 0 || GiftEffectFilter.Build(filter, sender, giftName) is not { } chain)
        {
            return EffectOffer.Dropped;
        }

        if (chain.NeedsFaces)
        {
            StartTrackerLoad();
        }

        return Effects.Offer(new GiftEffectTrigger(comboId, giftId, sender ?? "", seconds, chain));
    }

    /// <summary>The active filter chain.</summary>
    public FilterChain Filters => Volatile.Read(ref _chain);

    /// <summary>
    /// The newest <paramref name="seconds"/> of filtered video kept for clips (downscaled JPEGs, oldest first; fewer
    /// when the stream is younger). Encode them with <see cref="AnimatedClipEncoder"/>.
    /// </summary>
    public IReadOnlyList<ClipFrame> RecentFrames(int seconds) => _clips.Last(seconds);

    /// <summary>The most recent processed frame, or null before the first one.</summary>
    public EncodedFrame? LatestFrame => _publisher.Latest;

    /// <summary>
    /// Offers a JPEG frame. Returns at once: accepted (with the header's size) or rejected with a reason.
    /// The bytes are copied, so the caller may reuse its buffer immediately. Never throws for bad input.
    /// </summary>
    public FrameInspection Submit(ReadOnlyMemory<byte> jpeg)
    {
        _counters.CountIn();
        if (Volatile.Read(ref _disposed) != 0)
        {
            _counters.CountRejected(FrameRejectReason.PipelineStopped);
            return FrameInspection.Reject(FrameRejectReason.PipelineStopped);
        }

        var verdict = FrameInspector.Inspect(jpeg.Span, _limits);
        if (!verdict.Accepted)
        {
            _counters.CountRejected(verdict.Reason);
            return verdict;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(jpeg.Length);
        jpeg.Span.CopyTo(buffer);
        var pending = new PendingFrame(buffer, jpeg.Length, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
        if (!_waiting.Writer.TryWrite(pending))
        {
            pending.Release();
            _counters.CountRejected(FrameRejectReason.PipelineStopped);
            return FrameInspection.Reject(FrameRejectReason.PipelineStopped);
        }

        _counters.CountAccepted();
        return verdict;
    }

    /// <summary>
    /// Validates <paramref name="filters"/> and makes them the active chain from the next frame on. Throws
    /// <see cref="InvalidFilterException"/> (and keeps the old chain) when any filter is invalid.
    /// </summary>
    public FilterChain SetFilters(IReadOnlyList<FilterSpec>? filters)
    {
        var chain = FilterChain.Parse(filters);
        Volatile.Write(ref _chain, chain);
        if (chain.NeedsFaces)
        {
            StartTrackerLoad();
        }

        return chain;
    }

    /// <summary>
    /// The first frame with a sequence number above <paramref name="afterSequence"/>: at once if there is one,
    /// otherwise when it is published. Returns null once the pipeline has stopped. Pass 0 to get the latest frame.
    /// </summary>
    public ValueTask<EncodedFrame?> WaitForFrameAsync(long afterSequence, CancellationToken cancellationToken = default) =>
        _publisher.NextAsync(afterSequence, cancellationToken);

    /// <summary>Counters, timings, errors and HLS health. Cheap; safe from any thread.</summary>
    public PipelineStats GetStats()
    {
        lock (_statsGate)
        {
            return new PipelineStats(
                _counters.In,
                _counters.Accepted,
                _counters.Processed,
                _counters.Rejected,
                _counters.Dropped,
                _timings,
                _width,
                _height,
                _faceCount,
                Filters.Specs,
                _lastError,
                _hls?.Stats);
        }
    }

    /// <summary>Stops processing, ffmpeg and all waiters (who receive null). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _waiting.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        while (_waiting.Reader.TryRead(out var left))
        {
            left.Release();
            _counters.CountDropped(FrameDropReason.Stopped);
        }

        _publisher.Complete();
        if (_hls is not null)
        {
            await _hls.DisposeAsync().ConfigureAwait(false);
        }

        // From here on a filter change finds a finished load of nothing and starts none.
        if (Interlocked.Exchange(ref _trackerLoad, NoTracker) is { } load)
        {
            // Wait for a load still running, then free what it built (a failed load has nothing to free).
            await ((Task)load).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (load.IsCompletedSuccessfully)
            {
                load.Result?.Dispose();
            }
        }

        _clips.Dispose();
        _filterState.Dispose();
        _stopping.Dispose();
        _logger.LogInformation("Media pipeline for room {RoomId} stopped after {Frames} frames", _roomId, _counters.Processed);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task ProcessLoopAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var pending in _waiting.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    Process(pending);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _counters.CountDropped(FrameDropReason.ProcessingFailed);
                    RecordError($"processing failed: {ex.Message}", ex);
                }
                finally
                {
                    pending.Release();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Process(PendingFrame pending)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var frame = Cv2.ImDecode(pending.Bytes, ImreadModes.Color);
        if (frame.Empty())
        {
            // The error first: whoever sees the drop in the stats sees why.
            RecordError("a frame's JPEG data could not be decoded", null);
            _counters.CountDropped(FrameDropReason.DecodeFailed);
            return;
        }

        var t1 = Stopwatch.GetTimestamp();
        var chain = Volatile.Read(ref _chain);
        var effect = Effects.Current()?.Chain;
        IReadOnlyList<TrackedFace> faces = [];
        if ((chain.NeedsFaces || effect?.NeedsFaces == true) && Tracker() is { } tracker)
        {
            faces = tracker.Update(frame);
        }

        var t2 = Stopwatch.GetTimestamp();
        chain.Apply(frame, faces, _filterState);
        effect?.Apply(frame, faces, _filterState);
        _filterState.EndFrame();
        var t3 = Stopwatch.GetTimestamp();
        Cv2.ImEncode(".jpg", frame, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, _options.PreviewJpegQuality));
        var width = frame.Width;
        var height = frame.Height;
        var sequence = ++_sequence;
        _publisher.Publish(new EncodedFrame(sequence, jpeg, width, height, faces.Count, pending.CapturedAt));
        var t4 = Stopwatch.GetTimestamp();
        _hls?.TryWriteFrame(frame);
        _clips.Offer(frame, pending.CapturedAt);
        var t5 = Stopwatch.GetTimestamp();

        _counters.CountProcessed();
        var sample = new StageTimings(
            Ms(t0, t1), Ms(t1, t2), Ms(t2, t3), Ms(t3, t4), Ms(t4, t5), Ms(t0, t5), Ms(pending.SubmittedAt, t4));
        lock (_statsGate)
        {
            _timings = _timings.Blend(sample, TimingWeight);
            _width = width;
            _height = height;
            _faceCount = faces.Count;
        }
    }

    /// <summary>The tracker, waiting for its load only when a frame needing faces came before the load finished.</summary>
    private FaceTracker? Tracker() => StartTrackerLoad().GetAwaiter().GetResult();

    /// <summary>
    /// Starts loading the face models (20-40 ms of CPU with their warm-up inferences) on the thread pool, once: as soon
    /// as a chain or an effect that needs faces is set, so that cost lands beside the stream rather than on a frame.
    /// Rooms whose filters need no faces never pay for the models.
    /// </summary>
    private Task<FaceTracker?> StartTrackerLoad()
    {
        if (Volatile.Read(ref _trackerLoad) is { } started)
        {
            return started;
        }

        var load = new Task<FaceTracker?>(LoadTracker);
        if (Interlocked.CompareExchange(ref _trackerLoad, load, null) is { } other)
        {
            return other;
        }

        load.Start(TaskScheduler.Default);
        return load;
    }

    private FaceTracker? LoadTracker()
    {
        try
        {
            return new FaceTracker(_options.FaceTracking);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or OpenCVException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            RecordError($"face tracking unavailable, face filters are off: {ex.Message}", ex);
            return null;
        }
    }

    private void RecordError(string message, Exception? ex)
    {
        bool repeated;
        lock (_statsGate)
        {
            repeated = _lastError == message;
            _lastError = message;
        }

        // A client sending a stream of broken frames must not flood the log: log each distinct error once in a row.
        if (!repeated)
        {
            _logger.LogWarning(ex, "Media pipeline for room {RoomId}: {Message}", _roomId, message);
        }
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
