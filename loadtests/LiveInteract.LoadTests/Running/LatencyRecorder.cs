using System.Diagnostics;
using HdrHistogram;

namespace LiveInteract.LoadTests.Running;

/// <summary>
/// HDR histograms in microseconds (1 µs .. 10 min, 3 significant digits): one for the whole run and one per
/// sampling interval, swapped out by the sampler for the latency-over-time plot. HdrHistogram's iterators throw when
/// a histogram changes while it is read, so writes and reads share one lock and readers get copies.
/// </summary>
public sealed class LatencyRecorder
{
    private const long Highest = 600_000_000;
    private readonly Lock _gate = new();
    private readonly LongHistogram _total = New();
    private LongHistogram _interval = New();

    public void RecordTicks(long elapsedTicks)
    {
        var micros = Math.Clamp(elapsedTicks * 1_000_000 / Stopwatch.Frequency, 1, Highest);
        lock (_gate)
        {
            _total.RecordValue(micros);
            _interval.RecordValue(micros);
        }
    }

    /// <summary>A copy of the whole-run histogram.</summary>
    public HistogramBase Total
    {
        get { lock (_gate) return _total.Copy(); }
    }

    /// <summary>The interval histogram since the last call; no writer touches it afterwards.</summary>
    public HistogramBase TakeInterval()
    {
        lock (_gate)
        {
            var taken = _interval;
            _interval = New();
            return taken;
        }
    }

    private static LongHistogram New() => new(1, Highest, 3);
}
