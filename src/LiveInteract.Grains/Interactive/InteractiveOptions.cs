using System.ComponentModel.DataAnnotations;

namespace LiveInteract.Grains.Interactive;

/// <summary>Limits of polls, Q&amp;A and LIVE goals, bound from the "Interactive" section and validated at start-up.</summary>
public sealed class InteractiveOptions
{
    public const string Section = "Interactive";

    public const int MinPollOptions = 2;
    public const int MaxPollOptions = 4;

    [Range(1, 1000)] public int MaxPollQuestionLength { get; set; } = 200;

    [Range(1, 200)] public int MaxPollOptionLength { get; set; } = 80;

    [Range(1, 3600)] public int MinPollSeconds { get; set; } = 5;

    [Range(1, 24 * 3600)] public int MaxPollSeconds { get; set; } = 3600;

    /// <summary>Distinct voters one poll records (each vote is one map entry in the room's poll state); later voters are refused.</summary>
    [Range(1, 10_000_000)] public int MaxPollVoters { get; set; } = 200_000;

    [Range(1, 2000)] public int MaxQuestionLength { get; set; } = 200;

    /// <summary>Questions a room keeps; when full, the oldest answered question goes first, else the oldest with the fewest votes.</summary>
    [Range(1, 10_000)] public int MaxQuestions { get; set; } = 200;

    /// <summary>Upvotes (user, question) a room's Q&amp;A records in all; later upvotes are refused.</summary>
    [Range(1, 10_000_000)] public int MaxQuestionUpvotes { get; set; } = 200_000;

    [Range(1, 500)] public int MaxGoalTitleLength { get; set; } = 60;

    [Range(1, long.MaxValue)] public long MaxGoalTarget { get; set; } = 1_000_000_000_000;

    /// <summary>Least time between two <c>goal</c> progress events of a room ("a few per second").</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan GoalEventInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
