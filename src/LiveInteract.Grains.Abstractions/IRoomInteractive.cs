using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using Orleans.Concurrency;

namespace LiveInteract.Grains.Abstractions;

/// <summary>
/// Interactive LIVE in a room: polls, Q&amp;A and pins, the LIVE goal, and review of held comments (implemented by the
/// room grain; <see cref="IRoomGrain"/> extends it). Creator-or-moderator methods check the actor's role here, so a
/// direct grain call gets the same refusal as the hub. See docs/PROTOCOL.md "Interactive LIVE".
/// </summary>
[Alias("li.IRoomInteractive")]
public interface IRoomInteractive : IGrainWithStringKey
{
    /// <summary>Creator or moderator; 2-4 options; one open poll per room.</summary>
    [Alias("StartPoll")] Task<PollReceipt> StartPoll(Actor actor, string question, IReadOnlyList<string> options, int seconds);
    /// <summary>One vote per user (changing it is allowed while the poll is open); option is a 0-based index.</summary>
    [Alias("Vote")] Task Vote(Actor actor, string pollId, int option);
    [Alias("EndPoll")] Task EndPoll(Actor actor, string pollId);

    [Alias("AskQuestion")] Task<QuestionReceipt> AskQuestion(Actor actor, string text);
    [Alias("UpvoteQuestion")] Task UpvoteQuestion(Actor actor, string questionId);
    /// <summary>Creator or moderator: marks the question answered and pins it.</summary>
    [Alias("AnswerQuestion")] Task AnswerQuestion(Actor actor, string questionId);
    [Alias("PinComment")] Task PinComment(Actor actor, string commentId);
    [Alias("Unpin")] Task Unpin(Actor actor);
    /// <summary>The room's questions, sorted <c>top</c> (most upvotes first) or <c>new</c> (newest first).</summary>
    [Alias("GetQuestions"), ReadOnly] Task<IReadOnlyList<QuestionView>> GetQuestions(Actor actor, string? sort);

    /// <summary>Creator only: sets (replaces) the room's goal.</summary>
    [Alias("SetGoal")] Task<GoalView> SetGoal(Actor actor, GoalSpec goal);
    [Alias("ClearGoal")] Task ClearGoal(Actor actor);

    /// <summary>Creator and moderators: the comments the keyword filter held, oldest first.</summary>
    [Alias("GetHeldComments"), ReadOnly] Task<IReadOnlyList<HeldComment>> GetHeldComments(Actor actor);
    /// <summary>Creator and moderators: publishes a held comment as a normal comment with its author and original time.</summary>
    [Alias("ApproveComment")] Task<CommentReceipt> ApproveComment(Actor actor, string heldId);
    [Alias("RejectComment")] Task RejectComment(Actor actor, string heldId);
}
