namespace LiveInteract.Contracts.Insights;

/// <summary>
/// A leaderboard (<c>GET /api/rankings?board=creators|gifters&amp;period=hour|day|week</c>): the current window of the
/// period (UTC; weeks start on Monday), highest coins first.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.Ranking")]
public sealed record Ranking(
    [property: Id(0)] string Board,
    [property: Id(1)] string Period,
    [property: Id(2)] long WindowStart,
    [property: Id(3)] long WindowEnd,
    [property: Id(4)] IReadOnlyList<RankingEntry> Entries);

[GenerateSerializer, Immutable, Alias("li.RankingEntry")]
public sealed record RankingEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] long Coins);

/// <summary>The wire names of boards and periods.</summary>
public static class RankingNames
{
    public const string Creators = "creators";
    public const string Gifters = "gifters";
    public const string Hour = "hour";
    public const string Day = "day";
    public const string Week = "week";
}
