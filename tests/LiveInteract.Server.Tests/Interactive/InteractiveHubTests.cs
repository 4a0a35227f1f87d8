using LiveInteract.Contracts.Hub;
using System.Net;
using System.Net.Http.Json;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Interactive;

/// <summary>Q&amp;A, pins, goals and refusals through the real hub and REST API.</summary>
public sealed class InteractiveHubTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Bad_input_is_refused_with_a_stable_message_and_nothing_reaches_other_viewers()
    {
        var creator = await Server.SignIn("Strict host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var host = await Server.Connect(creator);
        var (viewer, _) = await Server.Joined(await Server.SignIn("Pushy"), room.RoomId);
        await using var _v = viewer;
        var (watcher, watcherSees) = await Server.Joined(await Server.SignIn("Watcher"), room.RoomId);
        await using var _w = watcher;

        Assert.EndsWith("a poll needs 2 to 4 options", await host.Refused(HubMethods.StartPoll, room.RoomId, "One?", new[] { "a" }, 30));
        Assert.EndsWith("a poll needs 2 to 4 options", await host.Refused(HubMethods.StartPoll, room.RoomId, "Nine?", Enumerable.Range(1, 9).Select(i => $"o{i}").ToArray(), 30));
        Assert.EndsWith("question is empty", await host.Refused(HubMethods.StartPoll, room.RoomId, "", new[] { "a", "b" }, 30));
        Assert.EndsWith("question is longer than 200 characters", await host.Refused(HubMethods.StartPoll, room.RoomId, new string('x', 500), new[] { "a", "b" }, 30));
        Assert.EndsWith("only the room's creator and moderators can do that", await viewer.Refused(HubMethods.StartPoll, room.RoomId, "Mine?", new[] { "a", "b" }, 30));
        Assert.EndsWith("poll not found", await viewer.Refused(HubMethods.Vote, room.RoomId, "p77", 0));
        var poll = await host.InvokeAsync<PollReceipt>(HubMethods.StartPoll, room.RoomId, "Real?", new[] { "a", "b" }, 60);
        Assert.EndsWith("option must be between 0 and 1", await viewer.Refused(HubMethods.Vote, room.RoomId, poll.PollId, 5));
        Assert.EndsWith("only the room's creator and moderators can do that", await viewer.Refused(HubMethods.EndPoll, room.RoomId, poll.PollId));
        Assert.EndsWith("question is empty", await viewer.Refused(HubMethods.AskQuestion, room.RoomId, " "));
        var own = await viewer.InvokeAsync<QuestionReceipt>(HubMethods.AskQuestion, room.RoomId, "Mine?");
        Assert.EndsWith("you cannot upvote your own question", await viewer.Refused(HubMethods.UpvoteQuestion, room.RoomId, own.QuestionId));
        Assert.EndsWith("you cannot upvote your own question", await viewer.Refused(HubMethods.UpvoteQuestion, room.RoomId, own.QuestionId));
        Assert.EndsWith("only the room's creator and moderators can do that", await viewer.Refused(HubMethods.AnswerQuestion, room.RoomId, own.QuestionId));
        Assert.EndsWith("only the room's creator and moderators can do that", await viewer.Refused(HubMethods.Unpin, room.RoomId));
        Assert.EndsWith("goal target must be between 1 and 1000000000000", await host.Refused(HubMethods.SetGoal, room.RoomId, new GoalSpec("coins", -1, "Oops")));
        Assert.EndsWith("only the room's creator can do that", await viewer.Refused(HubMethods.SetGoal, room.RoomId, new GoalSpec("coins", 10, "Mine")));
        Assert.EndsWith("only the room's creator and moderators can do that", await viewer.Refused(HubMethods.ApproveComment, room.RoomId, "h1"));

        await host.InvokeAsync<CommentReceipt>(HubMethods.SendComment, room.RoomId, "marker");
        await watcherSees.UntilComment("marker");
        // The watcher saw the one real poll and question, never a tally, an answer, a pin or a goal.
        Assert.Single(watcherSees.Events.OfType<PollStartedEvent>());
        Assert.Single(watcherSees.Events.OfType<QuestionEvent>());
        Assert.Empty(watcherSees.Events.OfType<PollTallyEvent>());
        Assert.Empty(watcherSees.Events.OfType<QuestionVotesEvent>());
        Assert.Empty(watcherSees.Events.OfType<PinnedEvent>());
        Assert.Empty(watcherSees.Events.OfType<GoalEvent>());
    }

    [Fact]
    public async Task Questions_are_listed_top_or_new_and_an_answer_is_pinned_for_everyone()
    {
        var creator = await Server.SignIn("QA host", "creator");
        var room = await Server.CreateLiveRoom(creator);
        await using var host = await Server.Connect(creator);
        var asker = await Server.SignIn("Asker");
        var (askerHub, _) = await Server.Joined(asker, room.RoomId);
        await using var _a = askerHub;
        var (fan, fanSees) = await Server.Joined(await Server.SignIn("Fan"), room.RoomId);
        await using var _f = fan;

        var first = await askerHub.InvokeAsync<QuestionReceipt>(HubMethods.AskQuestion, room.RoomId, "First?");
        var second = await askerHub.InvokeAsync<QuestionReceipt>(HubMethods.AskQuestion, room.RoomId, "Second?");
        await fan.InvokeAsync(HubMethods.UpvoteQuestion, room.RoomId, second.QuestionId);
        Assert.EndsWith("you already upvoted this question", await fan.Refused(HubMethods.UpvoteQuestion, room.RoomId, second.QuestionId));
        await fanSees.UntilA<QuestionVotesEvent>(v => v.Questions.Any(q => q.QuestionId == second.QuestionId && q.Votes == 1), "question_votes");

        using var http = Server.Http(asker.Token);
        var top = await http.GetFromJsonAsync<List<QuestionView>>($"api/rooms/{room.RoomId}/questions?sort=top");
        Assert.Equal([second.QuestionId, first.QuestionId], top!.Select(q => q.QuestionId));
        var newest = await http.GetFromJsonAsync<List<QuestionView>>($"api/rooms/{room.RoomId}/questions?sort=new");
        Assert.Equal([second.QuestionId, first.QuestionId], newest!.Select(q => q.QuestionId));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"api/rooms/{room.RoomId}/questions?sort=loudest")).StatusCode);

        await host.InvokeAsync(HubMethods.AnswerQuestion, room.RoomId, first.QuestionId);
        var pinned = await fanSees.UntilA<PinnedEvent>(_ => true, "pinned");
        Assert.Equal((PinnedItem.Question, first.QuestionId, asker.UserId), (pinned.Item.Kind, pinned.Item.ItemId, pinned.Item.UserId));
        await host.InvokeAsync(HubMethods.Unpin, room.RoomId);
        await fanSees.UntilA<UnpinnedEvent>(_ => true, "unpinned");

        var goal = await host.InvokeAsync<GoalView>(HubMethods.SetGoal, room.RoomId, new GoalSpec("likes", 5, "Five likes"));
        await fan.InvokeAsync(HubMethods.SendLike, room.RoomId, 6);
        var reached = await fanSees.UntilA<GoalReachedEvent>(_ => true, "goal_reached");
        Assert.Equal((goal.GoalId, 6L), (reached.Goal.GoalId, reached.Goal.Progress));
    }
}
