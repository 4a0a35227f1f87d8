using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Insights;

/// <summary>Leaderboards (section "Rankings", docs/INSIGHTS.md).</summary>
public sealed class RankingOptions
{
    public const string Section = "Rankings";

    /// <summary>How often each silo merges its summed gifts into the ranking windows.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entries kept per board and window; when full, the smallest is dropped (it cannot be near the top).</summary>
    [Range(10, 1_000_000)] public int MaxEntries { get; set; } = 10_000;

    /// <summary>Entries a GET may ask for.</summary>
    [Range(1, 1000)] public int MaxTop { get; set; } = 100;

    /// <summary>Deltas a silo keeps for a window whose grain did not answer (older ones are dropped and counted in the log).</summary>
    [Range(1, 100_000)] public int MaxPendingDeltas { get; set; } = 600;
}
