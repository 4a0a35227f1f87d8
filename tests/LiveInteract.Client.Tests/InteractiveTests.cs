using System.Text.Json;
using LiveInteract.Client.Auth;
using LiveInteract.Client.Errors;
using LiveInteract.Contracts.Interactive;

namespace LiveInteract.Client.Tests;

/// <summary>Interactive LIVE through the SDK and the CLI against a real server: typed calls act, typed events arrive.</summary>
public sealed class InteractiveTests(LiveServerFixture fixture) : IClassFixture<LiveServerFixture>
{
    private const int Timeout = 60_000;
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task A_poll_questions_a_pin_and_a_goal_through_the_sdk_arrive_as_typed_events()
    {
        await using var host = await Server.SignedInClient("Hostess", UserRole.Creator);
        var room = (await host.CreateRoomAsync("interactive sdk")).RoomId;
        await host.StartRoomAsync(room);
        await using var fan = await Server.SignedInClient("Fan");
        await using var other = await Server.SignedInClient("Other");
        await using var fanSees = new UpdateRecorder(fan);
        await fan.JoinRoomAsync(room);
        await other.JoinRoomAsync(room);

        var pollId = await host.StartPollAsync(room, "Next game?", ["chess", "go"], 60);
        await fan.VoteAsync(room, pollId, 1);
        await other.VoteAsync(room, pollId, 1);
        var bad = await Assert.ThrowsAsync<LiveClientException>(() => fan.VoteAsync(room, pollId, 7));
        Assert.Equal("option must be between 0 and 1", bad.Message);
        await host.EndPollAsync(room, pollId);
        await fanSees.Until(s => s.Events(room).OfType<PollEndedEvent>().Any(), "poll_ended");
        var ended = fanSees.Events(room).OfType<PollEndedEvent>().Single();
        Assert.Equal([0L, 2L], ended.Counts);
        Assert.Equal(1, ended.Winner);
        Assert.Contains(fanSees.Events(room).OfType<PollStartedEvent>(), p => p.PollId == pollId && p.Options.SequenceEqual(["chess", "go"]));

        var qid = await fan.AskQuestionAsync(room, "Which opening?");
        await other.UpvoteQuestionAsync(room, qid);
        var listed = await other.GetQuestionsAsync(room, QuestionSort.Top);
        Assert.Equal((qid, 1L, true), (listed[0].QuestionId, listed[0].Votes, listed[0].UpvotedByMe));
        await host.AnswerQuestionAsync(room, qid);
        await fanSees.Until(s => s.Events(room).OfType<PinnedEvent>().Any(p => p.Item.ItemId == qid), "the answered question pinned");

        var goal = await host.SetGoalAsync(room, new GoalSpec(GoalKinds.Likes, 3, "Three likes"));
        await fan.SendLikeAsync(room, 3);
        await fanSees.Until(s => s.Events(room).OfType<GoalReachedEvent>().Any(g => g.Goal.GoalId == goal.GoalId), "goal_reached");
        await host.ClearGoalAsync(room);
        await fanSees.Until(s => s.Events(room).OfType<GoalClearedEvent>().Any(), "goal_cleared");
    }

    [Fact]
    public async Task Poll_ask_and_goal_commands_act_in_the_room()
    {
        var url = Server.BaseAddress.ToString();
        var creator = await Server.SignIn("Cli host", "creator");
        var room = (await Server.CreateLiveRoom(creator)).RoomId;
        var fan = await Server.SignIn("Cli fan");

        var (code, lines, errors) = await CliProcess.RunAsync(Timeout, "poll", "start", room, "Pizza?", "yes", "no", "--seconds", "60", "--json", "--token", creator.Token, "--server", url);
        Assert.True(code == 0, errors);
        var pollId = JsonDocument.Parse(lines.Single()).RootElement.GetProperty("pollId").GetString()!;
        (code, _, errors) = await CliProcess.RunAsync(Timeout, "poll", "vote", room, pollId, "0", "--token", fan.Token, "--server", url);
        Assert.True(code == 0, errors);
        (code, lines, errors) = await CliProcess.RunAsync(Timeout, "ask", room, "Thin crust?", "--json", "--token", fan.Token, "--server", url);
        Assert.True(code == 0, errors);
        var qid = JsonDocument.Parse(lines.Single()).RootElement.GetProperty("questionId").GetString();
        (code, lines, errors) = await CliProcess.RunAsync(Timeout, "ask", room, "--list", "--sort", "new", "--json", "--server", url);
        Assert.True(code == 0, errors);
        Assert.Equal(qid, JsonDocument.Parse(lines.Single()).RootElement[0].GetProperty("questionId").GetString());
        (code, lines, errors) = await CliProcess.RunAsync(Timeout, "goal", "set", room, "coins", "500", "Oven", "--json", "--token", creator.Token, "--server", url);
        Assert.True(code == 0, errors);
        Assert.Equal(500, JsonDocument.Parse(lines.Single()).RootElement.GetProperty("target").GetInt64());
        (code, _, errors) = await CliProcess.RunAsync(Timeout, "poll", "end", room, pollId, "--token", creator.Token, "--server", url);
        Assert.True(code == 0, errors);

        using var http = Server.Http(fan.Token);
        var snapshot = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<LiveInteract.Contracts.Rooms.RoomSnapshot>(http, $"api/rooms/{room}");
        Assert.Equal([1L, 0L], snapshot!.Poll!.Counts);
        Assert.False(snapshot.Poll.Open);
        Assert.Equal("Oven", snapshot.Goal!.Title);

        (code, lines, errors) = await CliProcess.RunAsync(Timeout, "goal", "set", room, "coins", "-5", "Bad", "--token", creator.Token, "--server", url);
        Assert.Equal(1, code);
        Assert.Contains("goal target must be between 1 and", errors);
    }
}
