using LiveInteract.Contracts.Insights;
using LiveInteract.Grains.Insights;

namespace LiveInteract.Grains.Tests.Insights;

/// <summary>The creator score on constructed histories (formula: docs/INSIGHTS.md).</summary>
public sealed class CreatorScoreCalculatorTests
{
    private static LiveHeadline Live(double avgViewers = 10, long durationMinutes = 30, long comments = 0, long gifts = 0, long likes = 0,
        int unique = 20, long watchMinutes = 5, int fresh = 20, int returning = 0, long deleted = 0, long mutes = 0, long bans = 0) =>
        new(PeakViewers: 15, AverageViewers: avgViewers, UniqueViewers: unique, AverageWatchMs: watchMinutes * 60_000, NewViewers: fresh,
            ReturningViewers: returning, Comments: comments, Likes: likes, Gifts: gifts, GiftCoins: gifts * 10,
            ViewerMinutes: (long)(avgViewers * durationMinutes), DeletedComments: deleted, Bans: bans, Mutes: mutes, DurationMs: durationMinutes * 60_000);

    private static Dictionary<string, ScoreComponent> Components(CreatorScore score) => score.Components.ToDictionary(c => c.Name);

    [Fact]
    public void Each_component_follows_its_figure_and_the_weights_combine_them()
    {
        // 300 viewer-minutes; 100 comments + 20 gifts + 300 likes x 0.1 = 150 interactions = 0.5 per viewer-minute -> 100.
        var score = CreatorScoreCalculator.Compute("c", [Live(comments: 100, gifts: 20, likes: 300, watchMinutes: 5, fresh: 15, returning: 5, deleted: 5, bans: 1)], new InsightsOptions(), 0);
        var c = Components(score);
        Assert.Equal((0.5, 100.0), (c["engagement"].Figure, c["engagement"].Value));
        Assert.Equal((5.0, 50.0), (c["retention"].Figure, c["retention"].Value));   // 5 of 10 target minutes
        Assert.Equal((0.25, 50.0), (c["growth"].Figure, c["growth"].Value));        // 5 of 20 returning; 0.5 scores 100
        Assert.Equal((0.1, 50.0), (c["safety"].Figure, c["safety"].Value));         // (5 + 1 x 5) / 100 comments; 0.2 scores 0
        // 0.35 x 100 + 0.25 x 50 + 0.2 x 50 + 0.2 x 50 = 67.5
        Assert.Equal(67.5, score.Score);
        Assert.All(score.Components, x => Assert.False(string.IsNullOrWhiteSpace(x.Explanation)));
    }

    [Fact]
    public void Weights_come_from_configuration()
    {
        var options = new InsightsOptions { Weights = new ScoreWeights { Engagement = 0, Retention = 1, Growth = 0, Safety = 0 } };
        var score = CreatorScoreCalculator.Compute("c", [Live(comments: 1000, watchMinutes: 2)], options, 0);
        Assert.Equal(20.0, score.Score); // retention only: 2 of 10 minutes
    }

    [Fact]
    public void A_heavily_moderated_history_scores_lower_than_its_clean_twin()
    {
        var clean = CreatorScoreCalculator.Compute("c", [Live(comments: 200), Live(comments: 200)], new InsightsOptions(), 0);
        var moderated = CreatorScoreCalculator.Compute("c", [Live(comments: 200, deleted: 30, bans: 4), Live(comments: 200, mutes: 10)], new InsightsOptions(), 0);
        Assert.Equal(100.0, Components(clean)["safety"].Value);
        Assert.Equal(25.0, Components(moderated)["safety"].Value); // (30 + 4 x 5 + 10) / 400 = 0.15 of the 0.2 that scores 0
        Assert.True(moderated.Score < clean.Score);
    }

    [Fact]
    public void Figures_are_capped_at_100_and_no_lives_score_zero_with_a_reason()
    {
        var huge = CreatorScoreCalculator.Compute("c", [Live(comments: 100_000, watchMinutes: 600, fresh: 0, returning: 20)], new InsightsOptions(), 0);
        Assert.Equal(100.0, Components(huge)["engagement"].Value);
        Assert.Equal(100.0, Components(huge)["retention"].Value);
        Assert.Equal(100.0, Components(huge)["growth"].Value);
        var none = CreatorScoreCalculator.Compute("c", [], new InsightsOptions(), 0);
        Assert.Equal((0.0, 0), (none.Score, none.LivesCounted));
        Assert.All(none.Components, x => Assert.Equal("no finished live yet", x.Explanation));
    }
}
