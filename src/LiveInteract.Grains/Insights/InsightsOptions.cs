using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Insights;

/// <summary>Bounds of per-live analytics and the creator score's weights and targets (section "Insights", docs/INSIGHTS.md).</summary>
public sealed class InsightsOptions
{
    public const string Section = "Insights";

    /// <summary>Minute buckets kept per live (12 h); a longer live drops its oldest minutes (the headline keeps counting).</summary>
    [Range(10, 10_080)] public int MaxMinutes { get; set; } = 720;

    /// <summary>Distinct viewers whose watch time is kept per live; later ones still count as concurrent viewers.</summary>
    [Range(10, 1_000_000)] public int MaxViewersTracked { get; set; } = 10_000;

    /// <summary>Gifters with totals kept per live (the smallest is dropped when full).</summary>
    [Range(10, 100_000)] public int MaxGiftersTracked { get; set; } = 500;

    /// <summary>Gifters shown in a live's insights.</summary>
    [Range(1, 100)] public int TopGifters { get; set; } = 10;

    /// <summary>Polls kept per live (a live with more drops its oldest).</summary>
    [Range(1, 1_000)] public int MaxPolls { get; set; } = 50;

    /// <summary>Questions whose upvotes (and, once answered, text) are kept per live; when full an unanswered one with the fewest upvotes makes room.</summary>
    [Range(10, 100_000)] public int MaxQuestionsTracked { get; set; } = 1_000;

    /// <summary>Answered questions shown in a live's insights (most upvoted first).</summary>
    [Range(1, 100)] public int TopQuestions { get; set; } = 10;

    /// <summary>Goals kept per live (a live with more drops its oldest).</summary>
    [Range(1, 1_000)] public int MaxGoals { get; set; } = 50;

    /// <summary>How often a live's figures are stored and new viewers classified (a crash loses at most this much).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A silo that has not reported its viewers for this long is taken as gone: its viewers leave.</summary>
    public TimeSpan SiloPresenceExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Past lives kept per creator (newest first).</summary>
    [Range(1, 10_000)] public int MaxLives { get; set; } = 500;

    /// <summary>Viewers a creator remembers for new vs returning (the longest unseen is forgotten first).</summary>
    [Range(10, 1_000_000)] public int MaxKnownViewers { get; set; } = 50_000;

    /// <summary>The score looks at this many of the creator's latest lives.</summary>
    [Range(1, 500)] public int ScoreLives { get; set; } = 10;

    public ScoreWeights Weights { get; set; } = new();

    public ScoreTargets Targets { get; set; } = new();
}

/// <summary>Relative weights of the score's components (normalised by their sum).</summary>
public sealed class ScoreWeights
{
    [Range(0, 100)] public double Engagement { get; set; } = 0.35;
    [Range(0, 100)] public double Retention { get; set; } = 0.25;
    [Range(0, 100)] public double Growth { get; set; } = 0.2;
    [Range(0, 100)] public double Safety { get; set; } = 0.2;
}

/// <summary>The figure at which a component reaches 100 (linear up to it), and the safety tolerance.</summary>
public sealed class ScoreTargets
{
    /// <summary>Interactions (comments + gifts + likes x <see cref="LikeWeight"/>) per viewer-minute worth 100.</summary>
    [Range(0.001, 1000)] public double InteractionsPerViewerMinute { get; set; } = 0.5;

    /// <summary>A like counts as this much of an interaction (likes are cheap taps).</summary>
    [Range(0, 1)] public double LikeWeight { get; set; } = 0.1;

    /// <summary>Average watch time (minutes) worth 100.</summary>
    [Range(0.1, 600)] public double WatchMinutes { get; set; } = 10;

    /// <summary>Share of returning viewers worth 100.</summary>
    [Range(0.01, 1)] public double ReturningShare { get; set; } = 0.5;

    /// <summary>Moderation incidents per comment at which safety reaches 0.</summary>
    [Range(0.001, 10)] public double IncidentsPerComment { get; set; } = 0.2;

    /// <summary>A ban counts as this many incidents (a mute and a deleted comment count 1).</summary>
    [Range(0, 100)] public double BanWeight { get; set; } = 5;
}
