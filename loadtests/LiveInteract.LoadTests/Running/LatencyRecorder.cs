using System.Diagnostics;
using HdrHistogram;

namespace LiveInteract.LoadTests.Running;

/// <summary>
/// HDR histograms in microseconds (1 µs .. 10 min, 3 significant digits): one for the whole run and one per
/// sampling interval, swapped out by the sampler for the latency-over-time plot.
/// </summary>
public sealed class LatencyRecorder
{
    private const long Highest = 600_000_000;
    private HistogramBase _interval = New();

    public HistogramBase Total { get; } = New();

    public void RecordTicks(long elapsedTicks)
    {
        var micros = Math.Clamp(elapsedTicks * 1_000_000 / Stopwatch.Frequency, 1, Highest);
        Total.RecordValue(micros);
        Volatile.Read(ref _interval).RecordValue(micros);
    }

    /// <summary>The interval histogram since the last call. A write racing the swap may land in either interval.</summary>
    public HistogramBase TakeInterval() => Interlocked.Exchange(ref _interval, New());

    private static LongConcurrentHistogram New() => new(1, Highest, 3);
}
