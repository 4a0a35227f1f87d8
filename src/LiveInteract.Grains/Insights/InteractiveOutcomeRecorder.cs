using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Privacy;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// What a live's polls, Q&amp;A and goals came to, recorded from the room's events into <see cref="RoomInsightsState"/>
/// (part of <see cref="RoomInsightsRecorder"/>, testable without a silo). Every collection is bounded by
/// <see cref="InsightsOptions"/>. Of user content only the text of answered questions is kept, with the asker's id so
/// that erasing them removes it (docs/INSIGHTS.md).
/// </summary>
public sealed class InteractiveOutcomeRecorder(RoomInsightsState state, InsightsOptions options)
{
    /// <summary>Applies <paramref name="e"/> at <paramref name="now"/>; false when it is not a poll, question or goal event.</summary>
    public bool Apply(RoomEvent e, long now)
    {
        switch (e)
        {
            case PollStartedEvent started:
                if (state.Polls.Count >= options.MaxPolls) state.Polls.RemoveAt(0);
                state.Polls.Add(new PollRecord
                {
                    PollId = started.PollId,
                    Question = started.Question,
                    Options = [.. started.Options],
                    Counts = [.. started.Options.Select(_ => 0L)],
                    StartedAt = now,
                });
                return true;
            case PollTallyEvent tally:
                if (Poll(tally.PollId) is { EndedAt: null } open) (open.Counts, open.Total) = ([.. tally.Counts], tally.Total);
                return true;
            case PollEndedEvent ended:
                if (Poll(ended.PollId) is { } poll)
                {
                    (poll.Counts, poll.Total, poll.EndedAt) = ([.. ended.Counts], ended.Total, now);
                    poll.Winners = ended.Winner is { } winner ? [winner] : [.. ended.Tied];
                }
                return true;
            case QuestionEvent asked:
                state.QuestionsAsked++;
                Question(asked.QuestionId);
                return true;
            case QuestionVotesEvent votes:
                foreach (var q in votes.Questions)
                    if (state.Questions.TryGetValue(q.QuestionId, out var question)) question.Votes = q.Votes;
                return true;
            case PinnedEvent { Item: { Kind: PinnedItem.Question } item }:
                var answered = Question(item.ItemId);
                if (answered.AnsweredAt is not null) return true; // pinned again: answered once
                state.QuestionsAnswered++;
                (answered.AnsweredAt, answered.Text, answered.AskerId) = (now, item.Text, item.UserId ?? "");
                return true;
            case GoalEvent { Goal: var view }:
                Observe(view, now);
                return true;
            case GoalReachedEvent { Goal: var view }:
                Observe(view, now);
                return true;
            default:
                return false;
        }
    }

    public IReadOnlyList<PollOutcome> Polls() =>
    [
        .. state.Polls.Select(p => new PollOutcome(
            p.PollId, p.Question,
            [.. p.Options.Select((text, i) => new PollOptionResult(text, i < p.Counts.Count ? p.Counts[i] : 0))],
            p.Total, [.. p.Winners], p.StartedAt, p.EndedAt)),
    ];

    public QuestionsOutcome Questions()
    {
        var asked = state.QuestionsAsked;
        var share = asked == 0 ? 0 : Math.Round((double)state.QuestionsAnswered / asked, 3);
        return new QuestionsOutcome(asked, state.QuestionsAnswered, share, [.. Answered()
            .OrderByDescending(a => a.Votes).ThenBy(a => a.AnsweredAt).ThenBy(a => a.QuestionId, StringComparer.Ordinal)
            .Take(options.TopQuestions)]);
    }

    public IReadOnlyList<GoalOutcome> Goals() =>
        [.. state.Goals.Select(g => new GoalOutcome(g.GoalId, g.Kind, g.Title, g.Target, g.Progress, g.Reached, g.ReachedAt, g.SetAt))];

    /// <summary>The answered questions <paramref name="userId"/> asked (export).</summary>
    public IReadOnlyList<AnsweredQuestion> AskedBy(string userId) =>
        [.. Answered(q => q.AskerId == userId)];

    /// <summary>Erase: the asker's answered questions lose their text and point to the pseudonym; counts and upvotes stay.</summary>
    public bool Erase(Erasure erasure)
    {
        var changed = false;
        foreach (var question in state.Questions.Values.Where(q => erasure.Names(q.AskerId)))
        {
            (question.Text, question.AskerId) = ("", erasure.Pseudonym);
            changed = true;
        }
        return changed;
    }

    /// <summary>Retention: answered questions lose their text and asker; counts and upvotes stay.</summary>
    public void Expire()
    {
        foreach (var question in state.Questions.Values) (question.Text, question.AskerId) = ("", "");
    }

    private IEnumerable<AnsweredQuestion> Answered(Func<QuestionRecord, bool>? where = null) =>
        state.Questions.Where(q => q.Value.AnsweredAt is not null && (where is null || where(q.Value)))
            .Select(q => new AnsweredQuestion(q.Key, q.Value.Text, q.Value.Votes, q.Value.AnsweredAt!.Value));

    private PollRecord? Poll(string pollId) => state.Polls.FindLast(p => p.PollId == pollId);

    /// <summary>The question's record, made when new; when full, an unanswered one with the fewest upvotes (else any with the fewest) makes room.</summary>
    private QuestionRecord Question(string questionId)
    {
        if (state.Questions.TryGetValue(questionId, out var question)) return question;
        if (state.Questions.Count >= options.MaxQuestionsTracked)
        {
            var unanswered = state.Questions.Where(q => q.Value.AnsweredAt is null);
            var victim = (unanswered.Any() ? unanswered : state.Questions).MinBy(q => q.Value.Votes);
            state.Questions.Remove(victim.Key);
        }
        return state.Questions[questionId] = new QuestionRecord();
    }

    /// <summary>A goal set, moved or reached: made when new; reached once, at the first event that says so.</summary>
    private void Observe(GoalView view, long now)
    {
        if (state.Goals.FindLast(g => g.GoalId == view.GoalId) is not { } goal)
        {
            if (state.Goals.Count >= options.MaxGoals) state.Goals.RemoveAt(0);
            goal = new GoalRecord { GoalId = view.GoalId, Kind = view.Kind, Title = view.Title, Target = view.Target, SetAt = now };
            state.Goals.Add(goal);
        }
        goal.Progress = view.Progress;
        if (view.Reached && !goal.Reached) (goal.Reached, goal.ReachedAt) = (true, now);
    }
}
