using LiveInteract.Contracts.Hub;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Server.Tests.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveInteract.Server.Tests.Interactive;

/// <summary>A poll over real sockets: many viewers vote through the hub, and every one of them sees the same final result.</summary>
public sealed class PollFanoutTests(UnthrottledServerFixture fixture) : IClassFixture<UnthrottledServerFixture>
{
    private const int Viewers = 200;

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Two_hundred_viewers_vote_and_every_viewer_sees_the_same_final_counts()
    {
        var creator = await Server.SignIn("Poll host", "creator");
        var room = await Server.CreateLiveRoom(creator, "Poll night");
        await using var host = await Server.Connect(creator);
        var viewers = new List<(HubConnection Hub, HubRecorder Sees)>(Viewers);
        try
        {
            // Join in small groups: 200 handshakes at once only measure the shared machine's scheduler.
            foreach (var group in Enumerable.Range(0, Viewers).Chunk(20))
                viewers.AddRange(await Task.WhenAll(group.Select(async i => await Server.Joined(await Server.SignIn($"Voter {i}"), room.RoomId))));

            var pollId = await host.InvokeAsync<PollReceipt>(HubMethods.StartPoll, room.RoomId, "Encore?", new[] { "Yes", "No", "Twice" }, 120);
            await Task.WhenAll(viewers.Select(v => v.Sees.UntilA<PollStartedEvent>(p => p.PollId == pollId.PollId, "poll_started")));

            var expected = new long[3];
            // 100, 60 and 40 votes: one clear winner.
            var choices = Enumerable.Range(0, Viewers).Select(i => (i % 10) switch { < 5 => 0, < 8 => 1, _ => 2 }).ToArray();
            foreach (var c in choices) expected[c]++;
            await Task.WhenAll(viewers.Select((v, i) => v.Hub.InvokeAsync(HubMethods.Vote, room.RoomId, pollId.PollId, choices[i])));
            // The tally reaches everyone before the close, batched: far fewer tallies than votes.
            await Task.WhenAll(viewers.Select(v => v.Sees.UntilA<PollTallyEvent>(t => t.Total == Viewers, "the full tally")));
            await host.InvokeAsync(HubMethods.EndPoll, room.RoomId, pollId.PollId);

            var finals = await Task.WhenAll(viewers.Select(v => v.Sees.UntilA<PollEndedEvent>(e => e.PollId == pollId.PollId, "poll_ended")));
            Assert.All(finals, f => Assert.Equal(expected, f.Counts));
            Assert.All(finals, f => Assert.Equal(Viewers, f.Total));
            Assert.All(finals, f => Assert.Equal(0, f.Winner));
            var tallies = viewers[0].Sees.Events.OfType<PollTallyEvent>().Count();
            Assert.True(tallies < Viewers / 4, $"{tallies} poll_tally events for {Viewers} votes");

            // A viewer joining now finds the result in the snapshot.
            var late = await Server.Connect(await Server.SignIn("Late"));
            await using var _ = late;
            var snapshot = await late.InvokeAsync<RoomSnapshot>(HubMethods.JoinRoom, room.RoomId, null);
            Assert.Equal(expected, snapshot.Poll!.Counts);
            Assert.False(snapshot.Poll.Open);
        }
        finally
        {
            await Task.WhenAll(viewers.Select(v => v.Hub.DisposeAsync().AsTask()));
        }
    }
}
