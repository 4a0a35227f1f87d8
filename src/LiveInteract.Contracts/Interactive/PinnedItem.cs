namespace LiveInteract.Contracts.Interactive;

/// <summary>
/// The room's pinned item: an answered question (<see cref="Kind"/> <c>question</c>, <see cref="ItemId"/> its question id)
/// or a pinned comment (<c>comment</c>, its comment id). <see cref="UserId"/>/<see cref="DisplayName"/> are its author.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.PinnedItem")]
public sealed record PinnedItem(
    [property: Id(0)] string Kind,
    [property: Id(1)] string ItemId,
    [property: Id(2)] string Text,
    [property: Id(3)] string? UserId,
    [property: Id(4)] string? DisplayName,
    [property: Id(5)] long PinnedAt)
{
    public const string Question = "question";
    public const string Comment = "comment";
}
