using System.Diagnostics;

namespace LiveInteract.Media.Bench;

/// <summary>Per-frame samples of one stage, in CPU and wall milliseconds.</summary>
internal sealed class StageSamples(string name)
{
    private readonly List<double> _cpu = [];
    private readonly List<double> _wall = [];

    public string Name { get; } = name;

    public double MedianCpuMs => Percentile(_cpu, 0.5);

    public double P90CpuMs => Percentile(_cpu, 0.9);

    public double MedianWallMs => Percentile(_wall, 0.5);

    public double MeanCpuMs => _cpu.Count == 0 ? 0 : _cpu.Average();

    public double MaxCpuMs => _cpu.Count == 0 ? 0 : _cpu.Max();

    /// <summary>Each sample's CPU ms, in the order measured.</summary>
    public IReadOnlyList<double> Cpu => _cpu;

    /// <summary>Position of the costliest sample (-1 when empty).</summary>
    public int IndexOfMax => _cpu.Count == 0 ? -1 : _cpu.IndexOf(_cpu.Max());

    public int CountAbove(double cpuMs) => _cpu.Count(c => c > cpuMs);

    /// <summary>Runs <paramref name="work"/> and records its cost.</summary>
    public T Measure<T>(Func<T> work)
    {
        var wall = Stopwatch.GetTimestamp();
        var cpu = ThreadCpuClock.NowMs();
        var result = work();
        _cpu.Add(ThreadCpuClock.NowMs() - cpu);
        _wall.Add(Stopwatch.GetElapsedTime(wall).TotalMilliseconds);
        return result;
    }

    public void Measure(Action work) => Measure(() =>
    {
        work();
        return 0;
    });

    public void Add(double cpuMs, double wallMs)
    {
        _cpu.Add(cpuMs);
        _wall.Add(wallMs);
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
