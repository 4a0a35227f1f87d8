using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Hubs;

/// <summary>
/// Interactive LIVE: polls, Q&amp;A and pins, LIVE goals, held-comment review (docs/PROTOCOL.md "Interactive LIVE").
/// The hub refuses guests and malformed arguments; the room grain decides roles and every rule, so a direct grain call
/// gets the same answer. Refusals change nothing and publish nothing.
/// </summary>
public sealed partial class LiveHub
{
    /// <summary>More options than this are refused before the room is asked (the room allows 2-4).</summary>
    private const int MaxPollOptionsPerCall = 16;

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.StartPoll)]
    public Task<PollReceipt> StartPoll(string roomId, string question, IReadOnlyList<string> options, int seconds)
    {
        if (options is not null && options.Count > MaxPollOptionsPerCall)
            throw new LiveInteractException(ErrorCodes.BadRequest, "a poll needs 2 to 4 options");
        return Room(RoomIds.Validate(roomId)).StartPoll(Context.User.ToActor(), question, options!, seconds);
    }

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.Vote)]
    public Task Vote(string roomId, string pollId, int option) =>
        Room(RoomIds.Validate(roomId)).Vote(Context.User.ToActor(), pollId, option);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.EndPoll)]
    public Task EndPoll(string roomId, string pollId) =>
        Room(RoomIds.Validate(roomId)).EndPoll(Context.User.ToActor(), pollId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.AskQuestion)]
    public Task<QuestionReceipt> AskQuestion(string roomId, string text) =>
        Room(RoomIds.Validate(roomId)).AskQuestion(Context.User.ToActor(), text);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.UpvoteQuestion)]
    public Task UpvoteQuestion(string roomId, string questionId) =>
        Room(RoomIds.Validate(roomId)).UpvoteQuestion(Context.User.ToActor(), questionId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.AnswerQuestion)]
    public Task AnswerQuestion(string roomId, string questionId) =>
        Room(RoomIds.Validate(roomId)).AnswerQuestion(Context.User.ToActor(), questionId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.PinComment)]
    public Task PinComment(string roomId, string commentId) =>
        Room(RoomIds.Validate(roomId)).PinComment(Context.User.ToActor(), commentId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.Unpin)]
    public Task Unpin(string roomId) =>
        Room(RoomIds.Validate(roomId)).Unpin(Context.User.ToActor());

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SetGoal)]
    public Task<GoalView> SetGoal(string roomId, GoalSpec goal) =>
        Room(RoomIds.Validate(roomId)).SetGoal(Context.User.ToActor(), goal);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.ClearGoal)]
    public Task ClearGoal(string roomId) =>
        Room(RoomIds.Validate(roomId)).ClearGoal(Context.User.ToActor());

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.ApproveComment)]
    public Task<CommentReceipt> ApproveComment(string roomId, string heldId) =>
        Room(RoomIds.Validate(roomId)).ApproveComment(Context.User.ToActor(), heldId);

    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.RejectComment)]
    public Task RejectComment(string roomId, string heldId) =>
        Room(RoomIds.Validate(roomId)).RejectComment(Context.User.ToActor(), heldId);
}
