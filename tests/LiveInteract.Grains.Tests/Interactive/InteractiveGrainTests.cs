using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;

namespace LiveInteract.Grains.Tests.Interactive;

/// <summary>Polls, Q&amp;A and goals in a real room grain (SQLite storage, real batch tick), watched through a subscribed relay.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InteractiveGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Creator = new("creator-i", "Creator") { Role = Roles.Creator };

    private async Task<(IRoomGrain Room, RecordingRelay Relay)> WatchedLiveRoom()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>($"interactive-{Guid.NewGuid():N}");
        await room.Create(Creator, "Interactive");
        await room.Start(Creator);
        var relay = new RecordingRelay();
        await room.Subscribe("silo-i", fixture.Grains.CreateObjectReference<IRoomFanout>(relay));
        return (room, relay);
    }

    private static IEnumerable<T> Seen<T>(RecordingRelay relay) => relay.Batches.SelectMany(b => b.Events).OfType<T>();

    [Fact]
    public async Task One_vote_per_user_under_concurrency_even_when_each_user_votes_many_times_at_once()
    {
        var (room, relay) = await WatchedLiveRoom();
        var pollId = (await room.StartPoll(Creator, "Best pet?", ["cat", "dog", "fish"], 60)).PollId;
        var users = Enumerable.Range(0, 60).Select(i => new Actor($"u{i}", $"User {i}")).ToArray();

        // Every user fires ten votes at once; the last one a user's calls leave decides, but it counts once.
        await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, 10).Select(k => room.Vote(u, pollId, k % 3))));
        await room.EndPoll(Creator, pollId);

        var ended = (await relay.WaitFor(b => b.Events.OfType<PollEndedEvent>().Any())).Events.OfType<PollEndedEvent>().Single();
        Assert.Equal(users.Length, ended.Total);
        Assert.Equal(users.Length, ended.Counts.Sum());
    }

    [Fact]
    public async Task Tallies_equal_the_votes_after_many_concurrent_voters_and_are_batched()
    {
        var (room, relay) = await WatchedLiveRoom();
        var pollId = (await room.StartPoll(Creator, "Which song next?", ["A", "B", "C", "D"], 60)).PollId;
        var random = new Random(17);
        var choices = Enumerable.Range(0, 800).Select(i => (User: new Actor($"v{i}", $"Voter {i}"), Option: random.Next(4))).ToArray();
        var expected = new long[4];
        foreach (var (_, option) in choices) expected[option]++;

        await Task.WhenAll(choices.Select(c => room.Vote(c.User, pollId, c.Option)));

        // The running tally catches up with every vote, without an event per vote.
        await relay.WaitFor(b => b.Events.OfType<PollTallyEvent>().Any(t => t.Total == choices.Length));
        var tallies = Seen<PollTallyEvent>(relay).ToList();
        Assert.Equal(expected, tallies[^1].Counts);
        Assert.True(tallies.Count < choices.Length / 4, $"{tallies.Count} tallies for {choices.Length} votes: not batched");
        Assert.All(tallies.Zip(tallies.Skip(1)), pair => Assert.True(pair.First.Total <= pair.Second.Total));

        await room.EndPoll(Creator, pollId);
        var ended = (await relay.WaitFor(b => b.Events.OfType<PollEndedEvent>().Any())).Events.OfType<PollEndedEvent>().Single();
        Assert.Equal(expected, ended.Counts);
        var max = expected.Max();
        if (expected.Count(c => c == max) == 1) Assert.Equal(Array.IndexOf(expected, max), ended.Winner);
        else Assert.Null(ended.Winner);
        var snapshot = await room.GetSnapshot(null, null);
        Assert.False(snapshot.Poll!.Open);
        Assert.Equal(expected, snapshot.Poll.Counts);
    }

    [Fact]
    public async Task Changing_a_vote_moves_it_and_a_closed_poll_takes_no_more()
    {
        var (room, relay) = await WatchedLiveRoom();
        var voter = new Actor("changer", "Changer");
        var pollId = (await room.StartPoll(Creator, "Tea or coffee?", ["tea", "coffee"], 60)).PollId;
        await room.Vote(voter, pollId, 0);
        await room.Vote(voter, pollId, 1);
        await room.Vote(voter, pollId, 1);
        await room.EndPoll(Creator, pollId);
        var ended = (await relay.WaitFor(b => b.Events.OfType<PollEndedEvent>().Any())).Events.OfType<PollEndedEvent>().Single();
        Assert.Equal([0L, 1L], ended.Counts);
        Assert.Equal(1, ended.Winner);

        var closed = await Assert.ThrowsAsync<LiveInteractException>(() => room.Vote(voter, pollId, 0));
        Assert.Equal((ErrorCodes.Conflict, "poll is closed"), (closed.Code, closed.Message));
    }

    [Fact]
    public async Task A_poll_closes_on_its_timer()
    {
        var (room, relay) = await WatchedLiveRoom();
        var pollId = (await room.StartPoll(Creator, "Quick one?", ["yes", "no"], 5)).PollId;
        await room.Vote(new Actor("quick", "Quick"), pollId, 0);
        var ended = (await relay.WaitFor(b => b.Events.OfType<PollEndedEvent>().Any())).Events.OfType<PollEndedEvent>().Single();
        Assert.Equal(pollId, ended.PollId);
        Assert.Null(ended.UserId); // closed by the timer, not by a person
        Assert.Equal(0, ended.Winner);
    }

    [Fact]
    public async Task Goal_is_reached_exactly_once_under_concurrent_gifts()
    {
        var (room, relay) = await WatchedLiveRoom();
        var goal = await room.SetGoal(Creator, new GoalSpec(GoalKinds.Coins, 1_000, "New microphone"));
        Assert.Equal((0L, false), (goal.Progress, goal.Reached));
        var rose = new Gift("rose", "Rose", 10, GiftTier.Small);
        var gifts = Enumerable.Range(0, 200).Select(i =>
            new GiftDelivery($"fan{i}", $"Fan {i}", 1, $"k{i}", "room", Creator.UserId, rose, 1, 10, 0)).ToArray();

        await Task.WhenAll(gifts.Select(room.ApplyGift));

        await relay.WaitFor(b => b.Events.OfType<GoalEvent>().Any(g => g.Goal.Progress == 2_000));
        Assert.Single(Seen<GoalReachedEvent>(relay));
        var reached = Seen<GoalReachedEvent>(relay).Single().Goal;
        Assert.True(reached.Progress >= 1_000 && reached.Progress < 1_010, $"reached at {reached.Progress}");
        var snapshot = await room.GetSnapshot(null, null);
        Assert.Equal((2_000L, true), (snapshot.Goal!.Progress, snapshot.Goal.Reached));
        // Throttled: far fewer goal events than gifts.
        Assert.True(Seen<GoalEvent>(relay).Count() < 50, $"{Seen<GoalEvent>(relay).Count()} goal events for 200 gifts");
    }

    [Fact]
    public async Task A_likes_goal_counts_likes_after_it_was_set()
    {
        var (room, relay) = await WatchedLiveRoom();
        await room.ReportSilo("silo-i", 1, 40);
        await Eventually.Until(async () => (await room.GetSnapshot(null, null)).Counters.Likes == 40, "the early likes");
        await room.SetGoal(Creator, new GoalSpec(GoalKinds.Likes, 50, "50 likes"));
        await room.ReportSilo("silo-i", 1, 30);
        await room.ReportSilo("silo-i", 1, 30);
        var reached = (await relay.WaitFor(b => b.Events.OfType<GoalReachedEvent>().Any())).Events.OfType<GoalReachedEvent>().Single();
        Assert.Equal(60, reached.Goal.Progress);
    }

    [Fact]
    public async Task Questions_are_upvoted_once_per_user_and_an_answer_pins_them()
    {
        var (room, relay) = await WatchedLiveRoom();
        var asker = new Actor("asker", "Asker");
        var qid = (await room.AskQuestion(asker, "When is the next stream?")).QuestionId;
        var other = (await room.AskQuestion(new Actor("other", "Other"), "What camera?")).QuestionId;
        var fans = Enumerable.Range(0, 40).Select(i => new Actor($"fan{i}", $"Fan {i}")).ToArray();

        await Task.WhenAll(fans.Select(f => room.UpvoteQuestion(f, qid)));
        var twice = await Assert.ThrowsAsync<LiveInteractException>(() => room.UpvoteQuestion(fans[0], qid));
        Assert.Equal("you already upvoted this question", twice.Message);
        var own = await Assert.ThrowsAsync<LiveInteractException>(() => room.UpvoteQuestion(asker, qid));
        Assert.Equal("you cannot upvote your own question", own.Message);

        await relay.WaitFor(b => b.Events.OfType<QuestionVotesEvent>().Any(v => v.Questions.Any(q => q.QuestionId == qid && q.Votes == 40)));
        Assert.True(Seen<QuestionVotesEvent>(relay).Count() < 20, "question votes are batched");
        var top = await room.GetQuestions(fans[1], QuestionSort.Top);
        Assert.Equal([qid, other], top.Select(q => q.QuestionId));
        Assert.Equal((40L, true), (top[0].Votes, top[0].UpvotedByMe));
        Assert.Equal([other, qid], (await room.GetQuestions(asker, QuestionSort.New)).Select(q => q.QuestionId));

        await room.AnswerQuestion(Creator, qid);
        var pinned = (await relay.WaitFor(b => b.Events.OfType<PinnedEvent>().Any())).Events.OfType<PinnedEvent>().Single();
        Assert.Equal((PinnedItem.Question, qid, "When is the next stream?"), (pinned.Item.Kind, pinned.Item.ItemId, pinned.Item.Text));
        Assert.True((await room.GetQuestions(asker, QuestionSort.Top))[0].Answered);

        var comment = await room.SendComment(asker, "pin me");
        await room.PinComment(Creator, comment.CommentId);
        Assert.Equal(comment.CommentId, (await room.GetSnapshot(null, null)).Pinned!.ItemId);
        await room.DeleteComment(Creator, comment.CommentId);
        await relay.WaitFor(b => b.Events.OfType<UnpinnedEvent>().Any());
        Assert.Null((await room.GetSnapshot(null, null)).Pinned);
    }

    [Fact]
    public async Task Bad_input_and_viewers_calling_creator_methods_are_refused_and_change_nothing()
    {
        var (room, relay) = await WatchedLiveRoom();
        var viewer = new Actor("plain-viewer", "Viewer");
        var guest = new Actor("guest-x", "Guest") { Role = Roles.Guest };

        async Task Refused(string code, string message, Func<Task> call)
        {
            var ex = await Assert.ThrowsAsync<LiveInteractException>(call);
            Assert.Equal((code, message), (ex.Code, ex.Message));
        }

        await Refused(ErrorCodes.BadRequest, "a poll needs 2 to 4 options", () => room.StartPoll(Creator, "One?", ["only"], 30));
        await Refused(ErrorCodes.BadRequest, "a poll needs 2 to 4 options", () => room.StartPoll(Creator, "Nine?", [.. Enumerable.Range(1, 9).Select(i => $"o{i}")], 30));
        await Refused(ErrorCodes.BadRequest, "question is empty", () => room.StartPoll(Creator, "  ", ["a", "b"], 30));
        await Refused(ErrorCodes.BadRequest, "question is longer than 200 characters", () => room.StartPoll(Creator, new string('x', 201), ["a", "b"], 30));
        await Refused(ErrorCodes.BadRequest, "option is empty", () => room.StartPoll(Creator, "Q?", ["a", ""], 30));
        await Refused(ErrorCodes.BadRequest, "poll options must differ", () => room.StartPoll(Creator, "Q?", ["a", "A"], 30));
        await Refused(ErrorCodes.BadRequest, "seconds must be between 5 and 3600", () => room.StartPoll(Creator, "Q?", ["a", "b"], 0));
        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.StartPoll(viewer, "Q?", ["a", "b"], 30));
        await Refused(ErrorCodes.NotFound, "poll not found", () => room.Vote(viewer, "p999", 0));
        var pollId = (await room.StartPoll(Creator, "Real?", ["yes", "no"], 60)).PollId;
        await Refused(ErrorCodes.Conflict, "a poll is already open; end it first", () => room.StartPoll(Creator, "Second?", ["a", "b"], 30));
        await Refused(ErrorCodes.BadRequest, "option must be between 0 and 1", () => room.Vote(viewer, pollId, 2));
        await Refused(ErrorCodes.BadRequest, "option must be between 0 and 1", () => room.Vote(viewer, pollId, -1));
        await Refused(ErrorCodes.Forbidden, "guests can only watch; sign in to take part", () => room.Vote(guest, pollId, 0));
        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.EndPoll(viewer, pollId));

        await Refused(ErrorCodes.BadRequest, "question is empty", () => room.AskQuestion(viewer, ""));
        await Refused(ErrorCodes.BadRequest, "question is longer than 200 characters", () => room.AskQuestion(viewer, new string('q', 201)));
        await Refused(ErrorCodes.NotFound, "question not found", () => room.UpvoteQuestion(viewer, "q404"));
        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.AnswerQuestion(viewer, "q1"));
        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.PinComment(viewer, "c1"));
        await Refused(ErrorCodes.NotFound, "comment not found", () => room.PinComment(Creator, "c99999"));
        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.Unpin(viewer));

        await Refused(ErrorCodes.BadRequest, "goal target must be between 1 and 1000000000000", () => room.SetGoal(Creator, new GoalSpec(GoalKinds.Coins, -5, "Oops")));
        await Refused(ErrorCodes.BadRequest, "goal kind must be coins or likes", () => room.SetGoal(Creator, new GoalSpec("hearts", 5, "Oops")));
        await Refused(ErrorCodes.BadRequest, "goal title is empty", () => room.SetGoal(Creator, new GoalSpec(GoalKinds.Likes, 5, "")));
        await Refused(ErrorCodes.Forbidden, "only the room's creator can do that", () => room.SetGoal(viewer, new GoalSpec(GoalKinds.Likes, 5, "Mine")));
        await Refused(ErrorCodes.Forbidden, "only the room's creator can do that", () => room.ClearGoal(viewer));

        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.GetHeldComments(viewer));
        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.ApproveComment(viewer, "h1"));
        await Refused(ErrorCodes.Forbidden, "only the room's creator and moderators can do that", () => room.RejectComment(viewer, "h1"));
        await Refused(ErrorCodes.NotFound, "held comment not found", () => room.ApproveComment(Creator, "h1"));

        // Nothing changed: the one poll started is the only interactive event, no vote was counted, no goal or question exists.
        var marker = await room.SendComment(Creator, "marker");
        await relay.WaitFor(b => b.Events.Any(e => e.Seq == marker.Seq));
        var events = relay.Batches.SelectMany(b => b.Events).ToList();
        Assert.Single(events.OfType<PollStartedEvent>());
        Assert.Empty(events.OfType<PollTallyEvent>());
        Assert.Empty(events.OfType<QuestionEvent>());
        Assert.Empty(events.OfType<GoalEvent>());
        Assert.Empty(events.OfType<PinnedEvent>());
        var snapshot = await room.GetSnapshot(null, null);
        Assert.Equal(0, snapshot.Poll!.Total);
        Assert.Null(snapshot.Goal);
        Assert.Null(snapshot.Pinned);
        Assert.Empty(await room.GetQuestions(viewer, null));
    }

    [Fact]
    public async Task Poll_question_and_goal_survive_a_silo_restart()
    {
        var first = new ClusterFixture();
        await first.InitializeAsync();
        var roomId = $"interactive-restart-{Guid.NewGuid():N}";
        string pollId, qid;
        try
        {
            var room = first.Grains.GetGrain<IRoomGrain>(roomId);
            await room.Create(Creator, "Kept");
            await room.Start(Creator);
            pollId = (await room.StartPoll(Creator, "Kept?", ["yes", "no"], 600)).PollId;
            await room.Vote(new Actor("k1", "K1"), pollId, 1);
            qid = (await room.AskQuestion(new Actor("k2", "K2"), "Still here?")).QuestionId;
            await room.SetGoal(Creator, new GoalSpec(GoalKinds.Likes, 10, "Ten likes"));
            // A comment receipt means every change before it is stored (group commit).
            await room.SendComment(Creator, "flush");
        }
        finally
        {
            await first.Cluster.DisposeAsync();
        }

        var second = new ClusterFixture { DatabasePath = first.DatabasePath };
        await second.InitializeAsync();
        try
        {
            var room = second.Grains.GetGrain<IRoomGrain>(roomId);
            var snapshot = await room.GetSnapshot(null, null);
            Assert.Equal((pollId, true, 1L), (snapshot.Poll!.PollId, snapshot.Poll.Open, snapshot.Poll.Counts[1]));
            Assert.Equal("Ten likes", snapshot.Goal!.Title);
            Assert.Equal(qid, Assert.Single(await room.GetQuestions(Creator, null)).QuestionId);
            // The voter is remembered: voting again for the same option counts nothing.
            await room.Vote(new Actor("k1", "K1"), pollId, 1);
            await room.EndPoll(Creator, pollId);
            Assert.Equal(1, (await room.GetSnapshot(null, null)).Poll!.Total);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
