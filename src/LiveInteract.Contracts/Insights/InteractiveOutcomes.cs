namespace LiveInteract.Contracts.Insights;

// What a live's polls, Q&A and goals came to (part of RoomInsights). Times are the insights clock's (unix ms), like
// the live's own start and end. None of them names a user: question texts are kept only for answered questions and
// are removed when their asker is erased or when viewer data expires (docs/INSIGHTS.md).

/// <summary>
/// One poll of the live: its options with their vote counts (final once <see cref="EndedAt"/> is set, else the last
/// tally), <see cref="Winners"/> the index of the option with the most votes, or of each option tied for it (empty
/// while the poll is open or when nobody voted).
/// </summary>
[GenerateSerializer, Immutable, Alias("li.PollOutcome")]
public sealed record PollOutcome(
    [property: Id(0)] string PollId,
    [property: Id(1)] string Question,
    [property: Id(2)] IReadOnlyList<PollOptionResult> Options,
    [property: Id(3)] long TotalVotes,
    [property: Id(4)] IReadOnlyList<int> Winners,
    [property: Id(5)] long StartedAt,
    [property: Id(6)] long? EndedAt);

[GenerateSerializer, Immutable, Alias("li.PollOptionResult")]
public sealed record PollOptionResult([property: Id(0)] string Text, [property: Id(1)] long Votes);

/// <summary>
/// The live's Q&amp;A: questions asked and answered (<see cref="AnsweredShare"/> = answered / asked, 0 when none were
/// asked) and the answered questions with the most upvotes (at most <c>Insights:TopQuestions</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("li.QuestionsOutcome")]
public sealed record QuestionsOutcome(
    [property: Id(0)] long Asked,
    [property: Id(1)] long Answered,
    [property: Id(2)] double AnsweredShare,
    [property: Id(3)] IReadOnlyList<AnsweredQuestion> TopAnswered);

/// <summary>An answered question: its text ("" once its asker was erased or viewer data expired), upvotes and when it was answered.</summary>
[GenerateSerializer, Immutable, Alias("li.AnsweredQuestion")]
public sealed record AnsweredQuestion(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string Text,
    [property: Id(2)] long Votes,
    [property: Id(3)] long AnsweredAt);

/// <summary>
/// One goal of the live (<c>coins</c> or <c>likes</c>): its target, the progress last published (at the end of the
/// live, or when it was replaced or cleared), whether and when it was reached.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.GoalOutcome")]
public sealed record GoalOutcome(
    [property: Id(0)] string GoalId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] long Target,
    [property: Id(4)] long Progress,
    [property: Id(5)] bool Reached,
    [property: Id(6)] long? ReachedAt,
    [property: Id(7)] long SetAt);
