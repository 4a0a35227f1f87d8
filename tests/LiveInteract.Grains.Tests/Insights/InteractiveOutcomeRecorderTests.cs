using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Insights;
using LiveInteract.Grains.Privacy;

namespace LiveInteract.Grains.Tests.Insights;

/// <summary>Polls, Q&amp;A and goals of a live from constructed event sequences (no silo): outcomes, bounds, erase, retention.</summary>
public sealed class InteractiveOutcomeRecorderTests
{
    private const long T0 = 1_767_607_200_000; // 2026-01-05 10:00 UTC
    private const long Minute = 60_000;

    private long _seq;

    private RoomInsightsRecorder Live(InsightsOptions? options = null)
    {
        var recorder = new RoomInsightsRecorder(new RoomInsightsState(), options ?? new InsightsOptions());
        recorder.ApplyRoom("cleo", "Cleo", "Live", RoomStatus.Live, T0);
        return recorder;
    }

    private void Apply(RoomInsightsRecorder r, long at, params RoomEvent[] events) =>
        r.ApplyEvents([.. events.Select(e => e with { Seq = ++_seq })], at);

    private static PinnedEvent Answer(string questionId, string text, string askerId) =>
        new(new PinnedItem(PinnedItem.Question, questionId, text, askerId, askerId, 0)) { UserId = "cleo" };

    private static GoalView Goal(string id, long target, long progress, bool reached = false) => new(id, GoalKinds.Likes, $"Goal {id}", target, progress, reached);

    [Fact]
    public void A_poll_keeps_its_final_counts_and_winner_a_tie_names_both_and_no_votes_names_none()
    {
        var r = Live();
        Apply(r, T0, new PollStartedEvent("p1", "Next song?", ["Jazz", "Rock", "Pop"], T0 + 5 * Minute) { UserId = "cleo" });
        Apply(r, T0 + 10_000, new PollTallyEvent("p1", [1, 0, 0], 1));
        var open = Assert.Single(r.View("room", T0 + 20_000, 10).Polls);
        Assert.Equal([1L, 0L, 0L], open.Options.Select(o => o.Votes));
        Assert.Equal((1L, (long?)null), (open.TotalVotes, open.EndedAt));
        Assert.Empty(open.Winners); // undecided while open

        Apply(r, T0 + Minute, new PollEndedEvent("p1", [3, 1, 0], 4, 0, []));
        Apply(r, T0 + Minute + 1, new PollTallyEvent("p1", [9, 9, 9], 27)); // a stale tally after the end changes nothing
        Apply(r, T0 + 2 * Minute, new PollStartedEvent("p2", "Tea or coffee?", ["Tea", "Coffee"], T0 + 3 * Minute));
        Apply(r, T0 + 3 * Minute, new PollEndedEvent("p2", [2, 2], 4, null, [0, 1]));
        Apply(r, T0 + 4 * Minute, new PollStartedEvent("p3", "Anyone?", ["Yes", "No"], T0 + 5 * Minute));
        Apply(r, T0 + 5 * Minute, new PollEndedEvent("p3", [0, 0], 0, null, []));

        var polls = r.View("room", T0 + 6 * Minute, 10).Polls;
        Assert.Equal(["p1", "p2", "p3"], polls.Select(p => p.PollId));
        var song = polls[0];
        Assert.Equal("Next song?", song.Question);
        Assert.Equal([("Jazz", 3L), ("Rock", 1L), ("Pop", 0L)], song.Options.Select(o => (o.Text, o.Votes)));
        Assert.Equal((4L, T0, (long?)(T0 + Minute)), (song.TotalVotes, song.StartedAt, song.EndedAt));
        Assert.Equal([0], song.Winners);
        Assert.Equal([0, 1], polls[1].Winners);
        Assert.Empty(polls[2].Winners);
        Assert.Equal(0, polls[2].TotalVotes);
    }

    [Fact]
    public void Questions_count_asked_and_answered_once_and_keep_text_only_for_answered_ones_by_upvotes()
    {
        var r = Live();
        Apply(r, T0,
            new QuestionEvent("q1", "Where are you?") { UserId = "ana", DisplayName = "Ana" },
            new QuestionEvent("q2", "What camera?") { UserId = "ben", DisplayName = "Ben" },
            new QuestionEvent("q3", "Favourite food?") { UserId = "cat", DisplayName = "Cat" });
        Apply(r, T0 + 1_000, new QuestionVotesEvent([new QuestionVotes("q1", 1), new QuestionVotes("q2", 2), new QuestionVotes("q3", 5)]));
        Apply(r, T0 + Minute, Answer("q1", "Where are you?", "ana"));
        Apply(r, T0 + 2 * Minute, Answer("q2", "What camera?", "ben"));
        Apply(r, T0 + 3 * Minute, Answer("q1", "Where are you?", "ana")); // pinned again
        Apply(r, T0 + 3 * Minute, new QuestionVotesEvent([new QuestionVotes("q1", 4)])); // upvoted after its answer

        var q = r.View("room", T0 + 4 * Minute, 10).Questions;
        Assert.Equal((3L, 2L, 0.667), (q.Asked, q.Answered, q.AnsweredShare));
        Assert.Equal([("q1", "Where are you?", 4L, T0 + Minute), ("q2", "What camera?", 2L, T0 + 2 * Minute)],
            q.TopAnswered.Select(a => (a.QuestionId, a.Text, a.Votes, a.AnsweredAt)));
        // The unanswered (most upvoted) question is counted, its text is not kept.
        Assert.Equal("", r.State.Questions["q3"].Text);
        Assert.Equal((5L, (long?)null), (r.State.Questions["q3"].Votes, r.State.Questions["q3"].AnsweredAt));

        var none = Live().View("room", T0, 10).Questions;
        Assert.Equal((0L, 0L, 0.0), (none.Asked, none.Answered, none.AnsweredShare));
    }

    [Fact]
    public void Goals_record_target_progress_and_when_one_was_reached_and_one_not()
    {
        var r = Live();
        Apply(r, T0, new GoalEvent(Goal("g1", 5, 0)) { UserId = "cleo" });
        Apply(r, T0 + 10_000, new GoalEvent(Goal("g1", 5, 3)));
        Apply(r, T0 + Minute, new GoalReachedEvent(Goal("g1", 5, 6, reached: true)));
        Apply(r, T0 + Minute + 500, new GoalEvent(Goal("g1", 5, 8, reached: true)));
        Apply(r, T0 + 2 * Minute, new GoalEvent(Goal("g2", 100, 0)) { UserId = "cleo" });
        Apply(r, T0 + 2 * Minute + 250, new GoalEvent(Goal("g2", 100, 40)));
        Apply(r, T0 + 3 * Minute, new RoomStatusEvent(RoomStatus.Ended));
        Apply(r, T0 + 3 * Minute + 1, new GoalEvent(Goal("g2", 100, 100, reached: true))); // after the end: not counted

        var goals = r.View("room", T0 + 4 * Minute, 10).Goals;
        Assert.Equal(
            [
                new GoalOutcome("g1", GoalKinds.Likes, "Goal g1", 5, 8, true, T0 + Minute, T0),
                new GoalOutcome("g2", GoalKinds.Likes, "Goal g2", 100, 40, false, null, T0 + 2 * Minute),
            ],
            goals);
    }

    [Fact]
    public void Polls_goals_and_questions_stay_within_their_bounds()
    {
        var r = Live(new InsightsOptions { MaxPolls = 2, MaxGoals = 2, MaxQuestionsTracked = 10, TopQuestions = 3 });
        for (var i = 1; i <= 4; i++)
        {
            Apply(r, T0 + i, new PollStartedEvent($"p{i}", "?", ["a", "b"], T0 + Minute));
            Apply(r, T0 + i, new GoalEvent(Goal($"g{i}", 10, 0)));
        }
        // Five answered questions, then twenty more: the unanswered with the fewest upvotes make room, answered ones stay.
        for (var i = 1; i <= 25; i++)
        {
            Apply(r, T0 + Minute + i, new QuestionEvent($"q{i}", $"question {i}") { UserId = $"u{i}" });
            Apply(r, T0 + Minute + i, new QuestionVotesEvent([new QuestionVotes($"q{i}", i % 7)]));
            if (i <= 5) Apply(r, T0 + Minute + i, Answer($"q{i}", $"question {i}", $"u{i}"));
        }

        var view = r.View("room", T0 + 2 * Minute, 10);
        Assert.Equal(["p3", "p4"], view.Polls.Select(p => p.PollId));
        Assert.Equal(["g3", "g4"], view.Goals.Select(g => g.GoalId));
        Assert.Equal(10, r.State.Questions.Count);
        Assert.Equal(5, r.State.Questions.Values.Count(q => q.AnsweredAt is not null));
        Assert.Equal((25L, 5L, 0.2), (view.Questions.Asked, view.Questions.Answered, view.Questions.AnsweredShare));
        Assert.Equal(["q5", "q4", "q3"], view.Questions.TopAnswered.Select(a => a.QuestionId));
    }

    [Fact]
    public void Erasing_an_asker_removes_the_text_of_their_answered_questions_and_retention_removes_every_text()
    {
        var r = Live();
        Apply(r, T0,
            new QuestionEvent("q1", "Zed's secret question") { UserId = "zed", DisplayName = "Zed" },
            new QuestionEvent("q2", "Ana's question") { UserId = "ana", DisplayName = "Ana" });
        Apply(r, T0 + 1_000, new QuestionVotesEvent([new QuestionVotes("q1", 3), new QuestionVotes("q2", 1)]));
        Apply(r, T0 + Minute, Answer("q1", "Zed's secret question", "zed"), Answer("q2", "Ana's question", "ana"));
        Assert.Equal(["Zed's secret question"], r.UserData("room", "zed")!.AnsweredQuestions.Select(a => a.Text));

        Assert.True(r.Erase(new Erasure("zed", "erased-1"), T0 + 2 * Minute));
        var after = r.View("room", T0 + 2 * Minute, 10).Questions;
        Assert.Equal([("q1", "", 3L), ("q2", "Ana's question", 1L)], after.TopAnswered.Select(a => (a.QuestionId, a.Text, a.Votes)));
        Assert.Equal((2L, 2L), (after.Asked, after.Answered));
        Assert.Null(r.UserData("room", "zed"));
        Assert.DoesNotContain(r.State.Questions.Values, q => q.AskerId == "zed");
        Assert.False(r.Erase(new Erasure("zed", "erased-2"), T0 + 3 * Minute));

        r.Finish(T0 + 3 * Minute);
        Assert.True(r.ExpireViewers());
        var expired = r.View("room", T0 + 4 * Minute, 10).Questions;
        Assert.All(expired.TopAnswered, a => Assert.Equal("", a.Text));
        Assert.Equal((2L, 2L, 3L), (expired.Asked, expired.Answered, expired.TopAnswered[0].Votes));
        Assert.Null(r.UserData("room", "ana"));
    }
}
