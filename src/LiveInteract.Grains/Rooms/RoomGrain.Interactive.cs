using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Grains.Interactive;
using LiveInteract.Grains.Storage;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Interactive LIVE: polls, Q&amp;A with pins, and the LIVE goal. Rules are in <see cref="RoomPolls"/>,
/// <see cref="QuestionBoard"/> and <see cref="GoalTracker"/>; each is its own stored concern, written only when it
/// changed. Votes, upvotes and goal progress change memory only; their events (<c>poll_tally</c>,
/// <c>question_votes</c>, <c>goal</c>) are made once per batch tick from what changed (<see cref="FlushTallies"/>),
/// never one per vote.
/// </summary>
public sealed partial class RoomGrain
{
    private IGrainTimer? _pollTimer;
    private readonly StoredConcern<RoomPolls> _polls = new(pollState);
    private readonly StoredConcern<QuestionBoard> _questions = new(questionState);
    private readonly StoredConcern<GoalTracker> _goal = new(goalState);
    private bool _tallyPending;
    private bool _goalPending;
    private long _goalEventAt;
    private readonly HashSet<string> _questionVotesPending = new(StringComparer.Ordinal);

    private InteractiveOptions Limits => interactiveOptions.Value;
    private RoomPolls Polls => _polls.State;
    private QuestionBoard Questions => _questions.State;
    private GoalTracker Goal => _goal.State;

    private bool HasPendingTallies => _tallyPending || _goalPending || _questionVotesPending.Count > 0;

    public Task<PollReceipt> StartPoll(Actor actor, string question, IReadOnlyList<string> options, int seconds)
    {
        EnsureLive();
        RequireStaff(actor);
        var poll = Polls.Start(question, options, seconds, Now.ToUnixTimeMilliseconds(), Limits);
        _polls.MarkChanged();
        Append(new PollStartedEvent(poll.PollId, poll.Question, [.. poll.Options], poll.EndsAt), actor);
        SchedulePollEnd(poll);
        return Task.FromResult(new PollReceipt(poll.PollId));
    }

    public Task Vote(Actor actor, string pollId, int option)
    {
        EnsureLive();
        RequireCanInteract(actor);
        var poll = Polls.RequireOpen(pollId, Now.ToUnixTimeMilliseconds());
        if (poll.Vote(actor.UserId, option, Limits.MaxPollVoters))
        {
            _polls.MarkChanged();
            _tallyPending = true;
            EnsureTimer();
        }
        return Task.CompletedTask;
    }

    public async Task EndPoll(Actor actor, string pollId)
    {
        EnsureOpen();
        RequireStaff(actor);
        if (Polls.Current is not { } poll || poll.PollId != pollId) throw new LiveInteractException(ErrorCodes.NotFound, "poll not found");
        if (!poll.Open) throw new LiveInteractException(ErrorCodes.Conflict, "poll is closed");
        await ClosePoll(poll, actor);
    }

    public Task<QuestionReceipt> AskQuestion(Actor actor, string text)
    {
        EnsureLive();
        RequireCanInteract(actor);
        var question = Questions.Ask(actor.UserId, actor.DisplayName, text, Now.ToUnixTimeMilliseconds(), Limits);
        _questions.MarkChanged();
        Append(new QuestionEvent(question.QuestionId, question.Text), actor);
        return Task.FromResult(new QuestionReceipt(question.QuestionId));
    }

    public Task UpvoteQuestion(Actor actor, string questionId)
    {
        EnsureLive();
        RequireCanInteract(actor);
        Questions.Upvote(actor.UserId, questionId, Limits);
        _questions.MarkChanged();
        _questionVotesPending.Add(questionId);
        EnsureTimer();
        return Task.CompletedTask;
    }

    public Task AnswerQuestion(Actor actor, string questionId)
    {
        EnsureOpen();
        RequireStaff(actor);
        var pinned = Questions.Answer(questionId, Now.ToUnixTimeMilliseconds());
        _questions.MarkChanged();
        Append(new PinnedEvent(pinned), actor);
        return Task.CompletedTask;
    }

    public Task PinComment(Actor actor, string commentId)
    {
        EnsureOpen();
        RequireStaff(actor);
        // Only a comment still in the room's recent history (and not deleted) can be pinned: its text is needed.
        if (FindComment(commentId) is not { } comment || comment.Text.Length == 0)
            throw new LiveInteractException(ErrorCodes.NotFound, "comment not found");
        var pinned = Questions.Pin(new PinnedItem(PinnedItem.Comment, comment.CommentId, comment.Text, comment.UserId, comment.DisplayName, Now.ToUnixTimeMilliseconds()));
        _questions.MarkChanged();
        Append(new PinnedEvent(pinned), actor);
        return Task.CompletedTask;
    }

    public Task Unpin(Actor actor)
    {
        EnsureOpen();
        RequireStaff(actor);
        if (!Questions.Unpin()) return Task.CompletedTask;
        _questions.MarkChanged();
        Append(new UnpinnedEvent(), actor);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QuestionView>> GetQuestions(Actor actor, string? sort)
    {
        EnsureExists();
        return Task.FromResult(Questions.List(sort, actor.UserId));
    }

    public Task<GoalView> SetGoal(Actor actor, GoalSpec goal)
    {
        EnsureOpen();
        RequireCreator(actor);
        var view = Goal.Set(goal, GiftState.Board.TotalCoins, State.Likes, Limits);
        _goal.MarkChanged();
        _goalPending = false;
        _goalEventAt = Now.ToUnixTimeMilliseconds();
        Append(new GoalEvent(view), actor);
        return Task.FromResult(view);
    }

    public Task ClearGoal(Actor actor)
    {
        EnsureOpen();
        RequireCreator(actor);
        if (Goal.Clear() is not { } goalId) return Task.CompletedTask;
        _goal.MarkChanged();
        _goalPending = false;
        Append(new GoalClearedEvent(goalId), actor);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Gifts and likes move the goal: progress is marked for the next tick's <c>goal</c> event (throttled), and the one
    /// change that crosses the target publishes <c>goal_reached</c> at once. Synchronous, so concurrent gifts (which
    /// interleave) cannot both cross it.
    /// </summary>
    private void ObserveGoal()
    {
        var (changed, reachedNow) = Goal.Observe(GiftState.Board.TotalCoins, State.Likes);
        if (!changed) return;
        _goal.MarkChanged();
        _goalPending = true;
        if (!reachedNow || State.Status == RoomStatus.Ended) return;
        var view = Goal.Current!.View();
        Append(new GoalReachedEvent(view), null);
        _ = PublishWebhook(WebhookEventTypes.GoalReached, new { goalId = view.GoalId, kind = view.Kind, title = view.Title, target = view.Target, progress = view.Progress });
    }

    /// <summary>
    /// Turns what changed since the last tick into events: one <c>poll_tally</c>, one <c>question_votes</c>, and a
    /// <c>goal</c> at most every Interactive:GoalEventInterval. Runs at the start of each write, so the batch carries them.
    /// </summary>
    private void FlushTallies()
    {
        if (_tallyPending)
        {
            _tallyPending = false;
            if (Polls.Open is { } poll) Append(poll.Tally(), null);
        }
        if (_questionVotesPending.Count > 0)
        {
            var changed = new List<QuestionVotes>(_questionVotesPending.Count);
            foreach (var q in Questions.Questions)
                if (_questionVotesPending.Contains(q.QuestionId)) changed.Add(new QuestionVotes(q.QuestionId, q.Upvoters.Count));
            _questionVotesPending.Clear();
            if (changed.Count > 0) Append(new QuestionVotesEvent(changed), null);
        }
        var now = Now.ToUnixTimeMilliseconds();
        if (_goalPending && now - _goalEventAt >= (long)Limits.GoalEventInterval.TotalMilliseconds)
        {
            _goalPending = false;
            _goalEventAt = now;
            if (Goal.Current is { } goal && State.Status != RoomStatus.Ended) Append(new GoalEvent(goal.View()), null);
        }
    }

    private async Task ClosePoll(Poll poll, Actor? actor)
    {
        _pollTimer?.Dispose();
        _pollTimer = null;
        // A tally still pending is superseded by the final counts.
        _tallyPending = false;
        var ended = poll.Close();
        _polls.MarkChanged();
        Append(ended, actor);
        await PublishWebhook(WebhookEventTypes.PollEnded, new
        {
            pollId = ended.PollId,
            question = poll.Question,
            options = poll.Options,
            counts = ended.Counts,
            total = ended.Total,
            winner = ended.Winner,
        });
    }

    /// <summary>Closes the open poll when its time is up (also after a reactivation: the timer is set again on activation).</summary>
    private void SchedulePollEnd(Poll poll)
    {
        _pollTimer?.Dispose();
        var due = TimeSpan.FromMilliseconds(Math.Max(0, poll.EndsAt - Now.ToUnixTimeMilliseconds()));
        _pollTimer = this.RegisterGrainTimer(async _ =>
        {
            if (Polls.Open is { } open && open.PollId == poll.PollId) await ClosePoll(open, null);
        }, new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
    }

    private CommentEvent? FindComment(string? commentId)
    {
        if (commentId is null || commentId.Length < 2 || commentId[0] != 'c' || !long.TryParse(commentId.AsSpan(1), out var seq)) return null;
        return Tail.Find(seq) as CommentEvent;
    }

    private PollView? PollView() => Polls.Current?.View();
}
