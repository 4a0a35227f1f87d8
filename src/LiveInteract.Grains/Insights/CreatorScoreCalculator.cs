using System.Globalization;
using LiveInteract.Contracts.Insights;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// The creator performance score (docs/INSIGHTS.md, "Creator score"): four components, each 0-100 from a figure over
/// the creator's latest lives, combined by the configured weights. Plain and deterministic, so it is tested on
/// constructed histories.
/// </summary>
public static class CreatorScoreCalculator
{
    public static CreatorScore Compute(string creatorId, IReadOnlyList<LiveHeadline> lives, InsightsOptions options, long now)
    {
        var t = options.Targets;
        var w = options.Weights;
        double viewerMinutes = 0, watchMinutes = 0;
        long comments = 0, gifts = 0, likes = 0, unique = 0, fresh = 0, returning = 0, deleted = 0, mutes = 0, bans = 0;
        foreach (var live in lives)
        {
            viewerMinutes += live.AverageViewers * live.DurationMs / 60_000d;
            watchMinutes += live.AverageWatchMs * (double)live.UniqueViewers / 60_000d;
            comments += live.Comments;
            gifts += live.Gifts;
            likes += live.Likes;
            unique += live.UniqueViewers;
            fresh += live.NewViewers;
            returning += live.ReturningViewers;
            deleted += live.DeletedComments;
            mutes += live.Mutes;
            bans += live.Bans;
        }

        var interactions = comments + gifts + likes * t.LikeWeight;
        var engagementFigure = viewerMinutes <= 0 ? 0 : interactions / viewerMinutes;
        var retentionFigure = unique == 0 ? 0 : watchMinutes / unique;
        var classified = fresh + returning;
        var growthFigure = classified == 0 ? 0 : (double)returning / classified;
        var incidents = deleted + mutes + bans * t.BanWeight;
        var safetyFigure = incidents / Math.Max(1, comments);

        var components = new List<ScoreComponent>
        {
            new(ScoreComponents.Engagement, Linear(engagementFigure, t.InteractionsPerViewerMinute), w.Engagement, Round(engagementFigure),
                Say($"{Round(interactions)} interactions (comments + gifts + likes x {t.LikeWeight}) over {Round(viewerMinutes)} viewer-minutes; {t.InteractionsPerViewerMinute} per viewer-minute scores 100")),
            new(ScoreComponents.Retention, Linear(retentionFigure, t.WatchMinutes), w.Retention, Round(retentionFigure),
                Say($"average watch time {Round(retentionFigure)} min over {unique} viewers; {t.WatchMinutes} min scores 100")),
            new(ScoreComponents.Growth, Linear(growthFigure, t.ReturningShare), w.Growth, Round(growthFigure),
                Say($"{returning} of {classified} viewers had watched an earlier live; a share of {t.ReturningShare} scores 100")),
            new(ScoreComponents.Safety, lives.Count == 0 ? 0 : Round(100 * Math.Max(0, 1 - safetyFigure / t.IncidentsPerComment)), w.Safety, Round(safetyFigure),
                Say($"{deleted} deleted comments, {mutes} mutes and {bans} bans (x {t.BanWeight}) per {comments} comments; {t.IncidentsPerComment} per comment scores 0")),
        };
        if (lives.Count == 0) components = [.. components.Select(c => c with { Value = 0, Explanation = "no finished live yet" })];
        var weights = components.Sum(c => c.Weight);
        var score = weights <= 0 ? 0 : Round(components.Sum(c => c.Value * c.Weight) / weights);
        return new CreatorScore(creatorId, score, components, lives.Count, now);
    }

    private static double Linear(double figure, double target) => Round(100 * Math.Min(1, figure / target));

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
