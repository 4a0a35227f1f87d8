using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Grains.Text;

namespace LiveInteract.Grains.Interactive;

/// <summary>
/// A room's LIVE goal ("room-goal" state). Progress counts what arrived after the goal was set: gift coins for a
/// <c>coins</c> goal, likes for a <c>likes</c> goal (the room's totals minus their values at that time). Reached is
/// decided here once: <see cref="Observe"/> reports it on the one call that crosses the target.
/// </summary>
[GenerateSerializer, Alias("li.GoalTracker")]
public sealed class GoalTracker
{
    [Id(0)] public Goal? Current { get; set; }
    [Id(1)] public long LastNumber { get; set; }

    public GoalView Set(GoalSpec? spec, long coinsNow, long likesNow, InteractiveOptions limits)
    {
        if (spec is null) throw new LiveInteractException(ErrorCodes.BadRequest, "a goal needs kind, target and title");
        if (spec.Kind is not (GoalKinds.Coins or GoalKinds.Likes))
            throw new LiveInteractException(ErrorCodes.BadRequest, "goal kind must be coins or likes");
        if (spec.Target < 1 || spec.Target > limits.MaxGoalTarget)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"goal target must be between 1 and {limits.MaxGoalTarget}");
        var title = TextSanitizer.Require(spec.Title, "goal title", limits.MaxGoalTitleLength);
        LastNumber++;
        Current = new Goal
        {
            GoalId = $"g{LastNumber}",
            Kind = spec.Kind,
            Title = title,
            Target = spec.Target,
            Baseline = spec.Kind == GoalKinds.Coins ? coinsNow : likesNow,
        };
        return Current.View();
    }

    /// <summary>Removes the goal; its id, or null when there was none.</summary>
    public string? Clear()
    {
        var id = Current?.GoalId;
        Current = null;
        return id;
    }

    /// <summary>
    /// Updates progress from the room's totals. <c>Changed</c>: progress moved; <c>ReachedNow</c>: this call crossed
    /// the target (true at most once per goal).
    /// </summary>
    public (bool Changed, bool ReachedNow) Observe(long coinsNow, long likesNow)
    {
        if (Current is not { } goal) return (false, false);
        var progress = Math.Max(0, (goal.Kind == GoalKinds.Coins ? coinsNow : likesNow) - goal.Baseline);
        if (progress == goal.Progress) return (false, false);
        goal.Progress = progress;
        if (goal.Reached || progress < goal.Target) return (true, false);
        goal.Reached = true;
        return (true, true);
    }
}

[GenerateSerializer, Alias("li.Goal")]
public sealed class Goal
{
    [Id(0)] public string GoalId { get; set; } = "";
    [Id(1)] public string Kind { get; set; } = GoalKinds.Coins;
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public long Target { get; set; }
    [Id(4)] public long Baseline { get; set; }
    [Id(5)] public long Progress { get; set; }
    [Id(6)] public bool Reached { get; set; }

    public GoalView View() => new(GoalId, Kind, Title, Target, Progress, Reached);
}
