using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Risk;

/// <summary>Thresholds of the at-risk signals (section "Risk", docs/INSIGHTS.md "Risk signals").</summary>
public sealed class RiskOptions
{
    public const string Section = "Risk";

    /// <summary>Flags kept (the oldest go first).</summary>
    [Range(10, 1_000_000)] public int MaxFlags { get; set; } = 10_000;

    /// <summary>Spam burst: the same text from at least this many accounts ...</summary>
    [Range(2, 10_000)] public int SpamBurstAccounts { get; set; } = 5;

    /// <summary>... within this window, in one room ...</summary>
    public TimeSpan SpamBurstWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>... counting only texts at least this long (after normalising): "lol" and "hi" are not spam.</summary>
    [Range(1, 1000)] public int SpamBurstMinTextLength { get; set; } = 12;

    /// <summary>Distinct texts a room watches at once (the oldest is forgotten first).</summary>
    [Range(10, 1_000_000)] public int SpamBurstTextsTracked { get; set; } = 2_000;
}
