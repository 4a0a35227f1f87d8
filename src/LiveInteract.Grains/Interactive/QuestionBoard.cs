using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Grains.Text;

namespace LiveInteract.Grains.Interactive;

/// <summary>
/// A room's Q&amp;A and its pinned item ("room-questions" state): at most <see cref="InteractiveOptions.MaxQuestions"/>
/// questions, each upvoted at most once per user (never by its asker), at most
/// <see cref="InteractiveOptions.MaxQuestionUpvotes"/> upvotes in all. Rules only; the room grain publishes.
/// </summary>
[GenerateSerializer, Alias("li.QuestionBoard")]
public sealed class QuestionBoard
{
    [Id(0)] public List<Question> Questions { get; set; } = [];
    [Id(1)] public long LastNumber { get; set; }
    [Id(2)] public PinnedItem? Pinned { get; set; }
    [Id(3)] public int UpvoteCount { get; set; }

    public Question Ask(string userId, string displayName, string? text, long now, InteractiveOptions limits)
    {
        var clean = TextSanitizer.Require(text, "question", limits.MaxQuestionLength);
        if (Questions.Count >= limits.MaxQuestions) DropOne();
        var question = new Question
        {
            QuestionId = $"q{LastNumber + 1}",
            UserId = userId,
            DisplayName = displayName,
            Text = clean,
            At = now,
        };
        LastNumber++;
        Questions.Add(question);
        return question;
    }

    /// <summary>Adds <paramref name="userId"/>'s upvote; returns the question's new count.</summary>
    public long Upvote(string userId, string? questionId, InteractiveOptions limits)
    {
        var question = Find(questionId);
        if (question.UserId == userId) throw new LiveInteractException(ErrorCodes.BadRequest, "you cannot upvote your own question");
        if (question.Upvoters.Contains(userId)) throw new LiveInteractException(ErrorCodes.Conflict, "you already upvoted this question");
        if (UpvoteCount >= limits.MaxQuestionUpvotes) throw new LiveInteractException(ErrorCodes.Conflict, "the room's Q&A has reached its number of upvotes");
        question.Upvoters.Add(userId);
        UpvoteCount++;
        return question.Upvoters.Count;
    }

    /// <summary>Marks the question answered and pins it.</summary>
    public PinnedItem Answer(string? questionId, long now)
    {
        var question = Find(questionId);
        question.Answered = true;
        Pinned = new PinnedItem(PinnedItem.Question, question.QuestionId, question.Text, question.UserId, question.DisplayName, now);
        return Pinned;
    }

    public PinnedItem Pin(PinnedItem item) => Pinned = item;

    /// <summary>Removes the pin; false when nothing was pinned.</summary>
    public bool Unpin()
    {
        if (Pinned is null) return false;
        Pinned = null;
        return true;
    }

    public Question Find(string? questionId) =>
        Questions.Find(q => q.QuestionId == questionId) ?? throw new LiveInteractException(ErrorCodes.NotFound, "question not found");

    public IReadOnlyList<QuestionView> List(string? sort, string? viewerId)
    {
        IEnumerable<Question> ordered = sort switch
        {
            null or "" or QuestionSort.Top => Questions.OrderByDescending(q => q.Upvoters.Count).ThenBy(q => q.At).ThenBy(q => q.Number),
            QuestionSort.New => Questions.OrderByDescending(q => q.At).ThenByDescending(q => q.Number),
            _ => throw new LiveInteractException(ErrorCodes.BadRequest, "sort must be top or new"),
        };
        return [.. ordered.Select(q => q.View(viewerId))];
    }

    // Full: the oldest answered question goes first (it was dealt with), else the oldest of those with the fewest votes.
    private void DropOne()
    {
        var victim = Questions.Find(q => q.Answered)
            ?? Questions.OrderBy(q => q.Upvoters.Count).ThenBy(q => q.At).First();
        UpvoteCount -= victim.Upvoters.Count;
        Questions.Remove(victim);
    }
}

[GenerateSerializer, Alias("li.Question")]
public sealed class Question
{
    [Id(0)] public string QuestionId { get; set; } = "";
    [Id(1)] public string UserId { get; set; } = "";
    [Id(2)] public string DisplayName { get; set; } = "";
    [Id(3)] public string Text { get; set; } = "";
    [Id(4)] public long At { get; set; }
    [Id(5)] public HashSet<string> Upvoters { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public bool Answered { get; set; }

    internal long Number => long.TryParse(QuestionId.AsSpan(1), out var n) ? n : 0;

    public QuestionView View(string? viewerId) =>
        new(QuestionId, UserId, DisplayName, Text, At, Upvoters.Count, Answered, viewerId is not null && Upvoters.Contains(viewerId));
}
