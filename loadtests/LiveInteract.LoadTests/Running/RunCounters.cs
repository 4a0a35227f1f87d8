namespace LiveInteract.LoadTests.Running;

/// <summary>Live totals the sampler and the progress view read while the run goes on.</summary>
internal sealed class RunCounters
{
    private long _attempted, _established, _failed, _dropped, _left, _delivered, _commentsSent, _commentsAcked, _commentsFailed;
    private long _bytesReceived;
    private long _likesSent, _likesAcked, _giftsSent, _giftsAcked, _giftsDelivered, _hlsFetches, _hlsFailures;

    // Stopwatch timestamps: comments sent before the ramp ended are the ramp's; after the warm-up, steady state's.
    private long _rampEnd = long.MaxValue, _steadyFrom = long.MaxValue;

    /// <summary>Delivery latency of comments sent in the steady state (after the ramp and the warm-up).</summary>
    public LatencyRecorder Latency { get; } = new();
    /// <summary>Delivery latency of comments sent while viewers were still joining (<c>--send-during-ramp</c>).</summary>
    public LatencyRecorder RampLatency { get; } = new();
    public LatencyRecorder ConnectTime { get; } = new();

    public long Attempted => Interlocked.Read(ref _attempted);
    public long Established => Interlocked.Read(ref _established);
    public long Failed => Interlocked.Read(ref _failed);
    public long DroppedCount => Interlocked.Read(ref _dropped);
    public long Left => Interlocked.Read(ref _left);
    public long DeliveredCount => Interlocked.Read(ref _delivered);
    public long CommentsSent => Interlocked.Read(ref _commentsSent);
    public long CommentsAcked => Interlocked.Read(ref _commentsAcked);
    public long CommentsFailed => Interlocked.Read(ref _commentsFailed);
    public long LikesSent => Interlocked.Read(ref _likesSent);
    public long LikesAcked => Interlocked.Read(ref _likesAcked);
    public long GiftsSent => Interlocked.Read(ref _giftsSent);
    public long GiftsAcked => Interlocked.Read(ref _giftsAcked);
    public long GiftsDelivered => Interlocked.Read(ref _giftsDelivered);
    /// <summary>Bytes lean viewers read from their sockets (WebSocket frames included).</summary>
    public long BytesReceivedTotal => Interlocked.Read(ref _bytesReceived);
    public void BytesReceived(int count) => Interlocked.Add(ref _bytesReceived, count);
    public long HlsFetches => Interlocked.Read(ref _hlsFetches);
    public long HlsFailures => Interlocked.Read(ref _hlsFailures);

    /// <summary>The ramp is over: comments sent from now on are the warm-up's, and after <paramref name="warmup"/> steady state's.</summary>
    public void RampEnded(long timestamp, TimeSpan warmup)
    {
        Volatile.Write(ref _steadyFrom, timestamp + (long)(warmup.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        Volatile.Write(ref _rampEnd, timestamp);
    }

    /// <summary>A comment sent at <paramref name="sentTimestamp"/> reached a viewer at <paramref name="nowTimestamp"/>.</summary>
    public void CommentLatency(long sentTimestamp, long nowTimestamp)
    {
        if (sentTimestamp >= Volatile.Read(ref _steadyFrom)) Latency.RecordTicks(nowTimestamp - sentTimestamp);
        else if (sentTimestamp < Volatile.Read(ref _rampEnd)) RampLatency.RecordTicks(nowTimestamp - sentTimestamp);
    }

    public void Attempt() => Interlocked.Increment(ref _attempted);
    public void Establish() => Interlocked.Increment(ref _established);
    public void Fail() => Interlocked.Increment(ref _failed);
    public void Dropped() => Interlocked.Increment(ref _dropped);
    public void Leave() => Interlocked.Increment(ref _left);
    public void Delivered() => Interlocked.Increment(ref _delivered);
    public void CommentSent() => Interlocked.Increment(ref _commentsSent);
    public void CommentAcked() => Interlocked.Increment(ref _commentsAcked);
    public void CommentFailed() => Interlocked.Increment(ref _commentsFailed);
    public void LikeSent(int count) => Interlocked.Add(ref _likesSent, count);
    public void LikeAcked(int count) => Interlocked.Add(ref _likesAcked, count);
    public void GiftSent() => Interlocked.Increment(ref _giftsSent);
    public void GiftAcked() => Interlocked.Increment(ref _giftsAcked);
    public void GiftDelivered() => Interlocked.Increment(ref _giftsDelivered);
    public void HlsFetched(bool ok) => Interlocked.Increment(ref ok ? ref _hlsFetches : ref _hlsFailures);
}
