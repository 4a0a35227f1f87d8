using System.Net;
using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Insights;

/// <summary>
/// A poll, Q&amp;A and two goals driven through real SignalR clients at known (fake insights clock) minutes: the live's
/// insights report exactly what the test drove; erasing the asker removes their answered question's text. Its own
/// server, since it moves the insights clock.
/// </summary>
public sealed class InteractiveInsightsTests(InsightsServerFixture fixture) : IClassFixture<InsightsServerFixture>
{
    private const long Minute = 60_000;

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Polls_questions_and_goals_of_a_live_equal_what_the_clients_did()
    {
        var t0 = fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var cleo = await Server.SignIn("Cleo", "creator");
        var ana = await Server.SignIn("Ana");
        var ben = await Server.SignIn("Ben");
        var cat = await Server.SignIn("Cat");
        var room = await Server.CreateLiveRoom(cleo, "Interactive live");
        await using var cleoHub = await Server.Connect(cleo);
        await using var anaHub = await Server.Connect(ana);
        await using var benHub = await Server.Connect(ben);
        await using var catHub = await Server.Connect(cat);
        foreach (var hub in new[] { anaHub, benHub, catHub })
            await hub.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);

        // Minute 0: a poll; Ana and Ben vote Rock, Cat votes Jazz.
        var poll = await cleoHub.InvokeAsync<PollReceipt>(HubMethods.StartPoll, room.RoomId, "Next song?", new[] { "Jazz", "Rock", "Pop" }, 600);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Polls.Count == 1, "the poll started");
        await anaHub.InvokeAsync(HubMethods.Vote, room.RoomId, poll.PollId, 1);
        await benHub.InvokeAsync(HubMethods.Vote, room.RoomId, poll.PollId, 1);
        await catHub.InvokeAsync(HubMethods.Vote, room.RoomId, poll.PollId, 0);

        // Minute 1: the poll ends; Ana and Ben each ask a question, the others upvote.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await cleoHub.InvokeAsync(HubMethods.EndPoll, room.RoomId, poll.PollId);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Polls[0].EndedAt is not null, "the poll ended");
        var mic = await anaHub.InvokeAsync<QuestionReceipt>(HubMethods.AskQuestion, room.RoomId, "What mic is that?");
        var where = await benHub.InvokeAsync<QuestionReceipt>(HubMethods.AskQuestion, room.RoomId, "Where are you tonight?");
        await anaHub.InvokeAsync(HubMethods.UpvoteQuestion, room.RoomId, where.QuestionId);
        await catHub.InvokeAsync(HubMethods.UpvoteQuestion, room.RoomId, where.QuestionId);
        await benHub.InvokeAsync(HubMethods.UpvoteQuestion, room.RoomId, mic.QuestionId);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Questions.Asked == 2, "two questions asked");

        // Minute 2: Ben's question is answered; a goal of five likes is set.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await cleoHub.InvokeAsync(HubMethods.AnswerQuestion, room.RoomId, where.QuestionId);
        var five = await cleoHub.InvokeAsync<GoalView>(HubMethods.SetGoal, room.RoomId, new GoalSpec(GoalKinds.Likes, 5, "Five likes"));
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Questions.Answered == 1 && i.Goals.Count == 1, "the answer and the goal");

        // Minute 3: six likes reach it; a second goal of a hundred likes gets four.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await anaHub.InvokeAsync(HubMethods.SendLike, room.RoomId, 6);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Goals[0].Reached, "the first goal reached");
        var hundred = await cleoHub.InvokeAsync<GoalView>(HubMethods.SetGoal, room.RoomId, new GoalSpec(GoalKinds.Likes, 100, "A hundred likes"));
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Goals.Count == 2, "the second goal set");
        await benHub.InvokeAsync(HubMethods.SendLike, room.RoomId, 4);
        await Server.WaitForInsights(cleo, room.RoomId, i => i.Goals[1].Progress == 4, "the second goal's progress");

        // Minute 4: the live ends.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var cleoHttp = Server.Http(cleo.Token))
            (await cleoHttp.PostAsync($"api/rooms/{room.RoomId}/end", null)).EnsureSuccessStatusCode();
        var insights = await Server.WaitForInsights(cleo, room.RoomId,
            i => i.EndedAt is not null && i.Questions.TopAnswered is [{ Votes: 2 }], "the end, with the upvotes");

        var p = Assert.Single(insights.Polls);
        Assert.Equal((poll.PollId, "Next song?", 3L, t0, (long?)(t0 + Minute)), (p.PollId, p.Question, p.TotalVotes, p.StartedAt, p.EndedAt));
        Assert.Equal([("Jazz", 1L), ("Rock", 2L), ("Pop", 0L)], p.Options.Select(o => (o.Text, o.Votes)));
        Assert.Equal([1], p.Winners);

        var q = insights.Questions;
        Assert.Equal((2L, 1L, 0.5), (q.Asked, q.Answered, q.AnsweredShare));
        Assert.Equal([new AnsweredQuestion(where.QuestionId, "Where are you tonight?", 2, t0 + 2 * Minute)], q.TopAnswered);

        Assert.Equal(
            [
                new GoalOutcome(five.GoalId, GoalKinds.Likes, "Five likes", 5, 6, true, t0 + 3 * Minute, t0 + 2 * Minute),
                new GoalOutcome(hundred.GoalId, GoalKinds.Likes, "A hundred likes", 100, 4, false, null, t0 + 3 * Minute),
            ],
            insights.Goals);

        // Erasing Ben removes the text of his answered question; the figures stay.
        using var service = Server.Service();
        Assert.Equal(HttpStatusCode.OK, (await service.PostAsync($"api/service/users/{ben.UserId}/erase", null)).StatusCode);
        var erased = await Server.WaitForInsights(cleo, room.RoomId, i => i.Questions.TopAnswered is [{ Text: "" }], "the answered question's text removed");
        Assert.Equal([new AnsweredQuestion(where.QuestionId, "", 2, t0 + 2 * Minute)], erased.Questions.TopAnswered);
        Assert.Equal((2L, 1L), (erased.Questions.Asked, erased.Questions.Answered));
        Assert.Equal(insights.Polls[0].Options, erased.Polls[0].Options);
        Assert.Equal(insights.Goals, erased.Goals);
    }
}
