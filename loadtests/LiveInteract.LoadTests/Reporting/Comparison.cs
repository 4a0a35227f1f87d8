namespace LiveInteract.LoadTests.Reporting;

/// <summary>LiveInteract divided by the baseline for the same scenario in the same run (1.00 = equal).</summary>
public static class Comparison
{
    public static Dictionary<string, double> Ratios(IReadOnlyList<LoadResult> results)
    {
        var live = results.FirstOrDefault(r => r.Target == "liveinteract");
        var baseline = results.FirstOrDefault(r => r.Target == "baseline");
        if (live is null || baseline is null) return [];
        var ratios = new Dictionary<string, double>
        {
            ["deliveries_per_second"] = live.DeliveriesPerSecond / baseline.DeliveriesPerSecond,
            ["latency_p50"] = live.LatencyMs.P50 / baseline.LatencyMs.P50,
            ["latency_p99"] = live.LatencyMs.P99 / baseline.LatencyMs.P99,
            ["connect_p99"] = live.ConnectMs.P99 / baseline.ConnectMs.P99,
            ["client_cpu"] = live.ClientCpuPercentAverage / baseline.ClientCpuPercentAverage,
            ["server_cpu_per_1000_deliveries"] = (live.Efficiency.ServerCpuMsPer1000Deliveries ?? double.NaN) / (baseline.Efficiency.ServerCpuMsPer1000Deliveries ?? double.NaN),
        };
        if (live.RampLatencyMs is { } liveRamp && baseline.RampLatencyMs is { } baselineRamp)
        {
            ratios["ramp_latency_p50"] = liveRamp.P50 / baselineRamp.P50;
            ratios["ramp_latency_p99"] = liveRamp.P99 / baselineRamp.P99;
        }
        return ratios;
    }
}
