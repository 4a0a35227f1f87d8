namespace LiveInteract.Contracts.Insights;

/// <summary>
/// A creator's performance score (0-100), never a bare number: each component with its 0-100 value, its weight, the
/// figure it came from and a sentence saying how (docs/INSIGHTS.md, "Creator score").
/// </summary>
[GenerateSerializer, Immutable, Alias("li.CreatorScore")]
public sealed record CreatorScore(
    [property: Id(0)] string CreatorId,
    [property: Id(1)] double Score,
    [property: Id(2)] IReadOnlyList<ScoreComponent> Components,
    [property: Id(3)] int LivesCounted,
    [property: Id(4)] long ComputedAt);

[GenerateSerializer, Immutable, Alias("li.ScoreComponent")]
public sealed record ScoreComponent(
    [property: Id(0)] string Name,
    [property: Id(1)] double Value,
    [property: Id(2)] double Weight,
    [property: Id(3)] double Figure,
    [property: Id(4)] string Explanation);

/// <summary>The component names of <see cref="CreatorScore"/>.</summary>
public static class ScoreComponents
{
    public const string Engagement = "engagement";
    public const string Retention = "retention";
    public const string Growth = "growth";
    public const string Safety = "safety";
}
