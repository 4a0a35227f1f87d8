using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Grains.Interactive;

namespace LiveInteract.Grains.Tests.Interactive;

/// <summary>The rules of polls, Q&amp;A, goals and held comments, without a silo.</summary>
public sealed class InteractiveRulesTests
{
    private static readonly InteractiveOptions Limits = new();

    [Fact]
    public void A_poll_counts_one_vote_per_user_and_moves_a_changed_vote()
    {
        var polls = new RoomPolls();
        var poll = polls.Start("Lunch?", ["pizza", "sushi", "salad"], 60, 1_000, Limits);
        Assert.True(poll.Vote("a", 0, 10));
        Assert.True(poll.Vote("b", 0, 10));
        Assert.False(poll.Vote("a", 0, 10));
        Assert.True(poll.Vote("a", 2, 10));
        Assert.Equal([1L, 0L, 1L], poll.Counts);
        Assert.Equal(2, poll.Total);
        var ended = poll.Close();
        Assert.Null(ended.Winner);
        Assert.Equal([0, 2], ended.Tied);
        Assert.Empty(poll.Votes);
        Assert.Equal("poll is closed", Assert.Throws<LiveInteractException>(() => polls.RequireOpen(poll.PollId, 1_001)).Message);
    }

    [Fact]
    public void A_poll_past_its_end_time_takes_no_votes_and_a_full_poll_takes_no_new_voters()
    {
        var polls = new RoomPolls();
        var poll = polls.Start("Fast?", ["y", "n"], 5, 0, Limits);
        Assert.Same(poll, polls.RequireOpen(poll.PollId, 4_999));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<LiveInteractException>(() => polls.RequireOpen(poll.PollId, 5_000)).Code);
        poll.Vote("a", 0, 1);
        Assert.Equal("the poll has reached its number of voters", Assert.Throws<LiveInteractException>(() => poll.Vote("b", 0, 1)).Message);
        Assert.True(poll.Vote("a", 1, 1)); // a known voter may still change
    }

    [Fact]
    public void Poll_ids_increase_and_the_next_poll_may_start_once_the_last_closed()
    {
        var polls = new RoomPolls();
        var first = polls.Start("1?", ["a", "b"], 60, 0, Limits);
        first.Close();
        var second = polls.Start("2?", ["a", "b"], 60, 0, Limits);
        Assert.Equal(("p1", "p2"), (first.PollId, second.PollId));
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<LiveInteractException>(() => polls.RequireOpen("p1", 0)).Code);
    }

    [Fact]
    public void A_full_question_board_drops_an_answered_question_first_then_the_least_voted_oldest()
    {
        var limits = new InteractiveOptions { MaxQuestions = 3 };
        var board = new QuestionBoard();
        var q1 = board.Ask("u1", "U1", "one", 1, limits);
        var q2 = board.Ask("u2", "U2", "two", 2, limits);
        var q3 = board.Ask("u3", "U3", "three", 3, limits);
        board.Upvote("x", q1.QuestionId, limits);
        board.Answer(q3.QuestionId, 4);
        board.Ask("u4", "U4", "four", 5, limits);
        Assert.Equal(["q1", "q2", "q4"], board.Questions.Select(q => q.QuestionId));
        board.Ask("u5", "U5", "five", 6, limits);
        Assert.Equal(["q1", "q4", "q5"], board.Questions.Select(q => q.QuestionId)); // q2: oldest with no votes
        Assert.Equal(1, board.UpvoteCount);
        Assert.Equal(q3.QuestionId, board.Pinned!.ItemId); // the pin stays though its question left the list
    }

    [Fact]
    public void The_board_caps_upvotes_in_all()
    {
        var limits = new InteractiveOptions { MaxQuestionUpvotes = 2 };
        var board = new QuestionBoard();
        var q = board.Ask("u1", "U1", "one", 1, limits);
        board.Upvote("a", q.QuestionId, limits);
        board.Upvote("b", q.QuestionId, limits);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<LiveInteractException>(() => board.Upvote("c", q.QuestionId, limits)).Code);
        Assert.Equal("sort must be top or new", Assert.Throws<LiveInteractException>(() => board.List("best", null)).Message);
    }

    [Fact]
    public void A_goal_counts_from_its_baseline_and_reports_reached_once()
    {
        var goals = new GoalTracker();
        var view = goals.Set(new GoalSpec(GoalKinds.Coins, 100, "Mic"), coinsNow: 500, likesNow: 9, Limits);
        Assert.Equal(("g1", 0L), (view.GoalId, view.Progress));
        Assert.Equal((false, false), goals.Observe(500, 50)); // likes do not move a coins goal
        Assert.Equal((true, false), goals.Observe(560, 50));
        Assert.Equal((true, true), goals.Observe(600, 50));
        Assert.Equal((true, false), goals.Observe(700, 50));
        Assert.True(goals.Current!.Reached);
        Assert.Equal("g1", goals.Clear());
        Assert.Null(goals.Clear());
        Assert.Equal((false, false), goals.Observe(900, 50));
    }

    [Fact]
    public void Held_comments_expire_and_the_oldest_goes_when_full()
    {
        var held = new HeldComments();
        var expiry = TimeSpan.FromSeconds(10);
        var h1 = held.Hold("a", "A", "one", 0, expiry, capacity: 2);
        held.Hold("b", "B", "two", 1_000, expiry, capacity: 2);
        held.Hold("c", "C", "three", 2_000, expiry, capacity: 2);
        Assert.Equal(["h2", "h3"], held.List(2_000).Select(h => h.HeldId));
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<LiveInteractException>(() => held.Take(h1.HeldId, 2_000)).Code);
        Assert.Equal(["h3"], held.List(11_000).Select(h => h.HeldId));
        Assert.Equal("held comment not found", Assert.Throws<LiveInteractException>(() => held.Take("h2", 11_000)).Message);
        var taken = held.Take("h3", 11_000);
        Assert.Equal(("c", "three", 2_000L), (taken.UserId, taken.Text, taken.At));
        Assert.Empty(held.Items);
    }
}
