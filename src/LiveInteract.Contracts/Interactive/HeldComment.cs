namespace LiveInteract.Contracts.Interactive;

/// <summary>
/// A comment the keyword filter held for review (blocked-words action <c>Hold</c>), as creator and moderators see it in
/// <c>GET /api/rooms/{roomId}/held</c>. <see cref="At"/> is when it was sent; <see cref="ExpiresAt"/> when it is dropped
/// unreviewed. <c>ApproveComment(roomId, heldId)</c> publishes it with its author and time; <c>RejectComment</c> drops it.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.HeldComment")]
public sealed record HeldComment(
    [property: Id(0)] string HeldId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Text,
    [property: Id(4)] long At,
    [property: Id(5)] long ExpiresAt);
