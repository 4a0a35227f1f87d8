using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Review of held comments (blocked-words action Hold): the keyword filter keeps them in the room's moderation state
/// (<see cref="Interactive.HeldComments"/>) until the creator or a moderator approves (published as a normal comment,
/// with its author and original time) or rejects them, or they expire. Both decisions are audited.
/// </summary>
public sealed partial class RoomGrain
{
    public Task<IReadOnlyList<HeldComment>> GetHeldComments(Actor actor)
    {
        EnsureExists();
        RequireStaff(actor);
        return Task.FromResult(Mod.Held.List(Now.ToUnixTimeMilliseconds()));
    }

    public async Task<CommentReceipt> ApproveComment(Actor actor, string heldId)
    {
        EnsureLive();
        RequireStaff(actor);
        var held = Mod.Held.Take(heldId, Now.ToUnixTimeMilliseconds());
        _moderation.MarkChanged();
        var commentId = $"c{State.LastSeq + 1}";
        var seq = Append(new CommentEvent(commentId, held.Text), new Actor(held.UserId, held.DisplayName), held.At);
        State.Comments++;
        _core.MarkChanged();
        Audit(actor, ModerationActions.ApproveComment, held.UserId, held.HeldId);
        await Acknowledged();
        return new CommentReceipt(commentId, seq);
    }

    public Task RejectComment(Actor actor, string heldId)
    {
        EnsureOpen();
        RequireStaff(actor);
        var held = Mod.Held.Take(heldId, Now.ToUnixTimeMilliseconds());
        Audit(actor, ModerationActions.RejectComment, held.UserId, held.HeldId);
        return Task.CompletedTask;
    }
}
