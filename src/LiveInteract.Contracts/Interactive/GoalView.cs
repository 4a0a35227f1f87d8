namespace LiveInteract.Contracts.Interactive;

/// <summary>
/// What <c>SetGoal</c> takes: <see cref="Kind"/> <c>coins</c> (gift coins received after the goal was set) or
/// <c>likes</c> (likes after it was set), a positive <see cref="Target"/> and a short <see cref="Title"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.GoalSpec")]
public sealed record GoalSpec(
    [property: Id(0)] string Kind,
    [property: Id(1)] long Target,
    [property: Id(2)] string Title);

/// <summary>The room's goal and its progress (in the snapshot and in <c>goal</c> / <c>goal_reached</c> events).</summary>
[GenerateSerializer, Immutable, Alias("li.GoalView")]
public sealed record GoalView(
    [property: Id(0)] string GoalId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] long Target,
    [property: Id(4)] long Progress,
    [property: Id(5)] bool Reached);

/// <summary>The goal kinds.</summary>
public static class GoalKinds
{
    public const string Coins = "coins";
    public const string Likes = "likes";
}
