using LiveInteract.Contracts.Hub;
using LiveInteract.Client.Json;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Client;

// Interactive LIVE (hub methods and REST): polls, Q&A and pins, LIVE goals, review of held comments. What viewers see
// arrives in Updates as RoomEventUpdate with PollStartedEvent, PollTallyEvent, PollEndedEvent, QuestionEvent,
// QuestionVotesEvent, PinnedEvent, UnpinnedEvent, GoalEvent, GoalReachedEvent and GoalClearedEvent; a joining viewer
// finds the current poll, pinned item and goal in the snapshot. See docs/PROTOCOL.md "Interactive LIVE".
public sealed partial class LiveClient
{
    /// <summary>
    /// Opens a poll (the room's creator or a moderator): 2-4 <paramref name="options"/>, open for
    /// <paramref name="seconds"/>; one open poll per room. Returns the poll id to vote with.
    /// </summary>
    public async Task<string> StartPollAsync(string roomId, string question, IEnumerable<string> options, int seconds, CancellationToken cancellationToken = default) =>
        (await InvokeAsync<PollReceipt>(HubMethods.StartPoll, [roomId, question, options.ToArray(), seconds], cancellationToken).ConfigureAwait(false)).PollId;

    /// <summary>Votes for option <paramref name="option"/> (0-based). One vote per user; voting again moves it while the poll is open.</summary>
    public Task VoteAsync(string roomId, string pollId, int option, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.Vote, [roomId, pollId, option], cancellationToken);

    /// <summary>Closes the poll now (the creator or a moderator); everyone gets <see cref="PollEndedEvent"/>.</summary>
    public Task EndPollAsync(string roomId, string pollId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.EndPoll, [roomId, pollId], cancellationToken);

    /// <summary>Asks a question in the room's Q&amp;A; returns its id.</summary>
    public async Task<string> AskQuestionAsync(string roomId, string text, CancellationToken cancellationToken = default) =>
        (await InvokeAsync<QuestionReceipt>(HubMethods.AskQuestion, [roomId, text], cancellationToken).ConfigureAwait(false)).QuestionId;

    /// <summary>Upvotes a question (once per user; not one's own).</summary>
    public Task UpvoteQuestionAsync(string roomId, string questionId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.UpvoteQuestion, [roomId, questionId], cancellationToken);

    /// <summary>Marks a question answered (the creator or a moderator): it becomes the room's pinned item.</summary>
    public Task AnswerQuestionAsync(string roomId, string questionId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.AnswerQuestion, [roomId, questionId], cancellationToken);

    /// <summary>Pins a recent comment (the creator or a moderator).</summary>
    public Task PinCommentAsync(string roomId, string commentId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.PinComment, [roomId, commentId], cancellationToken);

    public Task UnpinAsync(string roomId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.Unpin, [roomId], cancellationToken);

    /// <summary>The room's questions (<c>GET /api/rooms/{roomId}/questions?sort=top|new</c>).</summary>
    public async Task<IReadOnlyList<QuestionView>> GetQuestionsAsync(string roomId, string sort = QuestionSort.Top, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        var path = $"api/rooms/{Uri.EscapeDataString(roomId)}/questions?sort={Uri.EscapeDataString(sort)}";
        return await _rest.GetAsync(path, LiveJsonContext.Default.ListQuestionView, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the room's LIVE goal (the creator only): <c>coins</c> or <c>likes</c> counted from now.</summary>
    public Task<GoalView> SetGoalAsync(string roomId, GoalSpec goal, CancellationToken cancellationToken = default) =>
        InvokeAsync<GoalView>(HubMethods.SetGoal, [roomId, goal], cancellationToken);

    public Task ClearGoalAsync(string roomId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.ClearGoal, [roomId], cancellationToken);

    /// <summary>Comments the keyword filter held for review (<c>GET /api/rooms/{roomId}/held</c>; creator and moderators).</summary>
    public async Task<IReadOnlyList<HeldComment>> GetHeldCommentsAsync(string roomId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomId);
        return await _rest.GetAsync($"api/rooms/{Uri.EscapeDataString(roomId)}/held", LiveJsonContext.Default.ListHeldComment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a held comment as a normal comment with its author and original time (audited).</summary>
    public Task<CommentReceipt> ApproveCommentAsync(string roomId, string heldId, CancellationToken cancellationToken = default) =>
        InvokeAsync<CommentReceipt>(HubMethods.ApproveComment, [roomId, heldId], cancellationToken);

    /// <summary>Drops a held comment (audited).</summary>
    public Task RejectCommentAsync(string roomId, string heldId, CancellationToken cancellationToken = default) =>
        InvokeAsync(HubMethods.RejectComment, [roomId, heldId], cancellationToken);
}
