using System.Diagnostics.Metrics;

namespace LiveInteract.Server.Hosting;

/// <summary>LiveInteract's own instruments (meter <see cref="MeterName"/>), exported at <c>/metrics</c> with Orleans' and ASP.NET Core's.</summary>
public sealed class LiveMetrics : IDisposable
{
    public const string MeterName = "LiveInteract";

    private readonly Meter _meter;
    private readonly Counter<long> _eventsForwarded;
    private readonly Histogram<double> _fanoutLatency;
    private readonly Counter<long> _viewersLagged;
    private long _batchesDropped;
    private long _batchesCoalesced;

    public LiveMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _eventsForwarded = _meter.CreateCounter<long>("liveinteract.events.forwarded", "{event}", "Room events this silo sent to its local viewers' groups, by type");
        _fanoutLatency = _meter.CreateHistogram<double>("liveinteract.fanout.latency", "ms", "From an event's creation in the room grain to its send to the local SignalR group");
        _viewersLagged = _meter.CreateCounter<long>("liveinteract.relay.viewers_lagged", "{viewer}", "Viewers taken out of a room's live stream for passing their outbound budget (told Lagged; they rejoin by seq)");
        // Observed rather than added to: the series exists (at 0) from the start, so a dashboard's rate() shows 0, not "no
        // data", on a silo that never dropped a batch (MonitoringConfigTests found the empty panel).
        _meter.CreateObservableCounter("liveinteract.relay.batches_dropped", () => Interlocked.Read(ref _batchesDropped), "{batch}", "Batches a full relay queue dropped (refetched by seq later)");
        _meter.CreateObservableCounter("liveinteract.relay.batches_coalesced", () => Interlocked.Read(ref _batchesCoalesced), "{batch}", "Batches a relay that fell behind sent inside the message of the batch queued before them (one write per viewer for several batches)");
    }

    public void EventForwarded(string type, double latencyMs)
    {
        _eventsForwarded.Add(1, new KeyValuePair<string, object?>("type", type));
        _fanoutLatency.Record(latencyMs);
    }

    public void BatchDropped() => Interlocked.Increment(ref _batchesDropped);

    public void BatchesCoalesced(int count) => Interlocked.Add(ref _batchesCoalesced, count);

    /// <summary>This silo's count behind <c>liveinteract_relay_batches_coalesced_total</c> (tests read it here: in-process
    /// servers of one test run share instrument names, so one server's <c>/metrics</c> is not its own alone).</summary>
    internal long BatchesCoalescedTotal => Interlocked.Read(ref _batchesCoalesced);

    public void ViewerLagged() => _viewersLagged.Add(1);

    public void Dispose() => _meter.Dispose();
}
