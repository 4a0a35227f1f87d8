namespace LiveInteract.Contracts.Interactive;

/// <summary>One question of the room's Q&amp;A (<c>GET /api/rooms/{roomId}/questions</c>).</summary>
[GenerateSerializer, Immutable, Alias("li.QuestionView")]
public sealed record QuestionView(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Text,
    [property: Id(4)] long At,
    [property: Id(5)] long Votes,
    [property: Id(6)] bool Answered,
    [property: Id(7)] bool UpvotedByMe);

/// <summary>What <c>AskQuestion</c> returns.</summary>
[GenerateSerializer, Immutable, Alias("li.QuestionReceipt")]
public sealed record QuestionReceipt([property: Id(0)] string QuestionId);

/// <summary>The sort orders of the questions list.</summary>
public static class QuestionSort
{
    /// <summary>Most upvotes first, then oldest first.</summary>
    public const string Top = "top";
    /// <summary>Newest first.</summary>
    public const string New = "new";
}
