using LiveInteract.Contracts.Errors;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoomGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Creator = new("creator-1", "Creator");
    private static readonly Actor Viewer = new("viewer-1", "Viewer");

    private async Task<IRoomGrain> LiveRoom()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>($"room-{Guid.NewGuid():N}");
        await room.Create(Creator, "Test room");
        await room.Start(Creator);
        return room;
    }

    [Fact]
    public async Task Events_get_consecutive_sequence_numbers()
    {
        var room = await LiveRoom();
        var receipts = new List<CommentReceipt>();
        for (var i = 0; i < 5; i++) receipts.Add(await room.SendComment(Viewer, $"hello {i}"));

        Assert.Equal([2L, 3, 4, 5, 6], receipts.Select(r => r.Seq)); // seq 1 is "went live"
        var snapshot = await room.GetSnapshot(afterSeq: 0, upToSeq: null);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), snapshot.Events.Select(e => e.Seq));
        Assert.Equal("hello 4", Assert.IsType<CommentEvent>(snapshot.Events[^1]).Text);
        Assert.Equal(6, snapshot.LastSeq);
        Assert.True(snapshot.ReplayComplete);
    }

    [Fact]
    public async Task Replay_after_lastSeq_returns_exactly_the_missed_events()
    {
        var room = await LiveRoom();
        for (var i = 0; i < 20; i++) await room.SendComment(Viewer, $"m{i}");

        var snapshot = await room.GetSnapshot(afterSeq: 15, upToSeq: null);

        Assert.Equal(Enumerable.Range(16, 6).Select(i => (long)i), snapshot.Events.Select(e => e.Seq));
        Assert.True(snapshot.ReplayComplete);
        var capped = await room.GetSnapshot(afterSeq: 15, upToSeq: 18);
        Assert.Equal([16L, 17, 18], capped.Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task Ring_buffer_is_bounded_and_says_when_a_gap_is_too_old()
    {
        var room = await LiveRoom();
        for (var i = 0; i < 200; i++) await room.SendComment(Viewer, $"m{i}");

        var snapshot = await room.GetSnapshot(afterSeq: 1, upToSeq: null);

        Assert.False(snapshot.ReplayComplete);
        Assert.InRange(snapshot.Events.Count, 64, 64 + 8);
        Assert.Equal(201, snapshot.Events[^1].Seq);
        var fresh = await room.GetSnapshot(afterSeq: null, upToSeq: null);
        Assert.Equal(10, fresh.Events.Count); // a new viewer gets JoinHistory events
    }

    [Fact]
    public async Task Likes_from_silo_reports_are_summed_into_running_total()
    {
        var room = await LiveRoom();
        var relay = new RecordingRelay();
        var reference = fixture.Grains.CreateObjectReference<IRoomFanout>(relay);
        await room.Subscribe("silo-a", reference);

        await room.ReportSilo("silo-a", viewers: 3, likes: 40);
        await room.ReportSilo("silo-b", viewers: 2, likes: 2);
        await room.ReportSilo("silo-a", viewers: 4, likes: 10);

        var counters = await relay.WaitFor(b => b.Counters is { Likes: 52, Viewers: 6 });
        Assert.Equal(52, counters.Counters!.Likes);
        Assert.Equal(52, (await room.GetSnapshot(null, null)).Counters.Likes);
        // Likes never become sequenced events: one running total, not an event per tap.
        Assert.DoesNotContain(relay.Batches.SelectMany(b => b.Events), e => e is not RoomStatusEvent);
        fixture.Grains.DeleteObjectReference<IRoomFanout>(reference);
    }

    [Fact]
    public async Task Subscribed_relay_receives_batches_in_seq_order()
    {
        var room = await LiveRoom();
        var relay = new RecordingRelay();
        var reference = fixture.Grains.CreateObjectReference<IRoomFanout>(relay);
        var from = await room.Subscribe("silo-a", reference);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => room.SendComment(Viewer, $"c{i}")));

        await relay.WaitFor(_ => relay.Batches.SelectMany(b => b.Events).Count() >= 50);
        var seqs = relay.Batches.SelectMany(b => b.Events).Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range((int)from + 1, 50).Select(i => (long)i), seqs);
        fixture.Grains.DeleteObjectReference<IRoomFanout>(reference);
    }

    [Fact]
    public async Task Ended_room_tells_relays_and_refuses_new_events()
    {
        var room = await LiveRoom();
        var relay = new RecordingRelay();
        var reference = fixture.Grains.CreateObjectReference<IRoomFanout>(relay);
        await room.Subscribe("silo-a", reference);

        await room.End(Creator);

        await relay.WaitFor(b => b.Events.Any(e => e is RoomStatusEvent { Status: RoomStatus.Ended }));
        var error = await Assert.ThrowsAsync<LiveInteractException>(() => room.SendComment(Viewer, "too late"));
        Assert.Equal(ErrorCodes.RoomEnded, error.Code);
        await Assert.ThrowsAsync<LiveInteractException>(() => room.Start(Creator));
        Assert.Equal(RoomStatus.Ended, (await room.GetSnapshot(null, null)).Status);
        fixture.Grains.DeleteObjectReference<IRoomFanout>(reference);
    }

    [Fact]
    public async Task Only_the_creator_starts_and_ends()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>($"room-{Guid.NewGuid():N}");
        await room.Create(Creator, "Mine");

        var start = await Assert.ThrowsAsync<LiveInteractException>(() => room.Start(Viewer));
        var end = await Assert.ThrowsAsync<LiveInteractException>(() => room.End(Viewer));

        Assert.Equal(ErrorCodes.Forbidden, start.Code);
        Assert.Equal(ErrorCodes.Forbidden, end.Code);
        Assert.Equal(RoomStatus.Created, (await room.GetSnapshot(null, null)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u202E\u0007")]
    public async Task Empty_comments_are_refused(string text)
    {
        var room = await LiveRoom();
        var error = await Assert.ThrowsAsync<LiveInteractException>(() => room.SendComment(Viewer, text));
        Assert.Equal("comment is empty", error.Message);
        Assert.Equal(1, (await room.GetSnapshot(null, null)).LastSeq);
    }

    [Fact]
    public async Task Overlong_comment_is_refused_and_hidden_characters_are_stripped()
    {
        var room = await LiveRoom();
        var error = await Assert.ThrowsAsync<LiveInteractException>(() => room.SendComment(Viewer, new string('x', 301)));
        Assert.Equal("comment is longer than 300 characters", error.Message);

        await room.SendComment(Viewer, "he\u200Bllo \u202Eworld\u0000 <b>");
        var comment = Assert.IsType<CommentEvent>((await room.GetSnapshot(null, null)).Events[^1]);
        Assert.Equal("hello world <b>", comment.Text);
    }

    [Fact]
    public async Task Joins_in_one_call_are_answered_in_order_and_a_banned_viewer_is_refused_in_its_place()
    {
        var room = await LiveRoom();
        var banned = new Actor("banned-1", "Banned");
        await room.BanUser(Creator, banned.UserId);
        for (var i = 0; i < 10; i++) await room.SendComment(Viewer, $"m{i}");
        var last = (await room.GetSnapshot(afterSeq: null, upToSeq: null)).LastSeq;

        var answers = await room.JoinViewers([
            new ViewerJoin(new Actor("new-1", "New one"), AfterSeq: null, UpToSeq: last - 2),
            new ViewerJoin(banned, AfterSeq: null, UpToSeq: last - 2),
            new ViewerJoin(new Actor("new-2", "New two"), AfterSeq: null, UpToSeq: last - 2),
            new ViewerJoin(new Actor("back-1", "Back"), AfterSeq: last - 5, UpToSeq: last),
        ]);

        Assert.Equal(4, answers.Count);
        // New viewers get recent history up to the seq their relay had forwarded, and nothing after it.
        Assert.Equal(last - 2, answers[0].Snapshot!.LastSeq);
        Assert.Equal(last - 2, answers[0].Snapshot!.Events[^1].Seq);
        Assert.True(answers[0].Snapshot!.ReplayComplete);
        Assert.Equal(answers[0].Snapshot!.Events.Select(e => e.Seq), answers[2].Snapshot!.Events.Select(e => e.Seq));
        Assert.Null(answers[1].Snapshot);
        Assert.Equal(ErrorCodes.Forbidden, answers[1].RefusalCode);
        Assert.Equal("you are banned from this room", answers[1].Refusal);
        // A rejoin gets exactly what it missed.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => last - 4 + i), answers[3].Snapshot!.Events.Select(e => e.Seq));
        Assert.True(answers[3].Snapshot!.ReplayComplete);
    }

    [Fact]
    public async Task More_joins_in_one_call_than_the_bound_are_refused()
    {
        var room = await LiveRoom();
        var joins = Enumerable.Range(0, IRoomGrain.MaxViewerJoins + 1).Select(i => new ViewerJoin(new Actor($"v{i}", "V"), null, 0)).ToList();
        var error = await Assert.ThrowsAsync<LiveInteractException>(() => room.JoinViewers(joins));
        Assert.Equal(ErrorCodes.BadRequest, error.Code);
    }

    [Fact]
    public async Task Unknown_room_is_not_found()
    {
        var room = fixture.Grains.GetGrain<IRoomGrain>($"nobody-{Guid.NewGuid():N}");
        var error = await Assert.ThrowsAsync<LiveInteractException>(() => room.SendComment(Viewer, "hi"));
        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }
}
