using HdrHistogram;

namespace LiveInteract.LoadTests.Reporting;

/// <summary>Percentiles in milliseconds.</summary>
public sealed record Percentiles(long Count, double P50, double P90, double P99, double P999, double Max)
{
    public static Percentiles From(HistogramBase h) => h.TotalCount == 0
        ? new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
        : new(h.TotalCount, Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(90)), Ms(h.GetValueAtPercentile(99)),
            Ms(h.GetValueAtPercentile(99.9)), Ms(h.GetMaxValue()));

    private static double Ms(long micros) => micros / 1000.0;
}

/// <summary>HLS players (viewers polling the video room's playlist and newest segment), their requests, and the frames the load creator streamed.</summary>
public sealed record HlsFigures(int Players, long Requests, long Failed, long FramesStreamed);

public sealed record Connections(long Attempted, long Established, long Failed, long Dropped, long LeftByChurn);

/// <summary>Per event type: sent, acknowledged by the server, delivered to viewers, expected, lost, duplicated.</summary>
public sealed record EventTotals(string Type, long Sent, long Acknowledged, long Rejected, long Delivered, long Expected, long Lost, long Duplicates, string? Note);

/// <summary>One sampling interval (one second by default).</summary>
public sealed record Sample(double Seconds, long Connected, long DeliveriesPerSecond, long CommentsPerSecond, double P50Ms, double P99Ms, double ClientCpuPercent);

/// <summary>
/// Cost per delivered event over the sending and draining phases: the generator's own CPU and (when the tool started
/// it) the server's, in ms per 1,000 deliveries (comments and gifts to viewers); bytes read per delivery by lean
/// viewers (frames, pings and counter batches included; null in SDK mode).
/// </summary>
public sealed record Efficiency(string ViewerMode, string Protocol, double ClientCpuMsPer1000Deliveries, double? ServerCpuMsPer1000Deliveries, double? BytesPerDelivery);

/// <summary>
/// The server's live managed bytes (after a full GC, <c>GET /ops/memory</c>) and RSS before the first viewer and after
/// the last delivery, and both per viewer connected at the end.
/// </summary>
public sealed record ServerMemory(string GcMode, long ManagedBefore, long ManagedAfter, long RssBefore, long RssAfter, long Viewers)
{
    public double ManagedBytesPerViewer => Viewers == 0 ? double.NaN : (ManagedAfter - ManagedBefore) / (double)Viewers;
    public double RssBytesPerViewer => Viewers == 0 ? double.NaN : (RssAfter - RssBefore) / (double)Viewers;
}

public sealed record RoomFigures(string RoomId, int Viewers, long CommentsAcknowledged, long? ServerComments, long LikesAcknowledged, long? ServerLikes);

public sealed record LoadResult(
    string Target,
    string BaseUrl,
    string Preset,
    Running.LoadSettings Settings,
    DateTimeOffset StartedAt,
    double Seconds,
    Connections Connections,
    Percentiles ConnectMs,
    Percentiles LatencyMs,
    /// <summary>Latency of comments sent while viewers were still joining; null unless the run sent during the ramp.</summary>
    Percentiles? RampLatencyMs,
    IReadOnlyList<EventTotals> Events,
    IReadOnlyList<RoomFigures> Rooms,
    IReadOnlyDictionary<string, double> ServerMetrics,
    long? ServerRssBeforeBytes,
    long? ServerRssAfterBytes,
    double? ServerBytesPerConnection,
    double ClientCpuPercentAverage,
    double DeliveriesPerSecond,
    HlsFigures Hls,
    IReadOnlyList<string> Notes,
    IReadOnlyList<Sample> Samples,
    Efficiency Efficiency,
    ServerMemory? Memory = null)
{
    public EventTotals Comments => Events.First(e => e.Type == "comment");
}
