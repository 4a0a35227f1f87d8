using LiveInteract.Media.Admission;

namespace LiveInteract.Media.Pipeline;

/// <summary>Lock-free counters updated from the submitting threads and the pipeline thread.</summary>
internal sealed class PipelineCounters
{
    private readonly long[] _rejected = new long[Enum.GetValues<FrameRejectReason>().Length];
    private readonly long[] _dropped = new long[Enum.GetValues<FrameDropReason>().Length];
    private long _in;
    private long _accepted;
    private long _processed;

    public long In => Interlocked.Read(ref _in);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Processed => Interlocked.Read(ref _processed);

    public void CountIn() => Interlocked.Increment(ref _in);

    public void CountAccepted() => Interlocked.Increment(ref _accepted);

    public void CountProcessed() => Interlocked.Increment(ref _processed);

    public void CountRejected(FrameRejectReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    public void CountDropped(FrameDropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    public IReadOnlyDictionary<FrameRejectReason, long> Rejected => Snapshot<FrameRejectReason>(_rejected);

    public IReadOnlyDictionary<FrameDropReason, long> Dropped => Snapshot<FrameDropReason>(_dropped);

    private static Dictionary<T, long> Snapshot<T>(long[] counts)
        where T : struct, Enum
    {
        var result = new Dictionary<T, long>();
        foreach (var value in Enum.GetValues<T>())
        {
            var count = Interlocked.Read(ref counts[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)]);
            if (count > 0)
            {
                result[value] = count;
            }
        }

        return result;
    }
}
