using System.Reflection;
using System.Threading.Channels;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;
using LiveInteract.Server.Relays;

namespace LiveInteract.Server.Tests;

/// <summary>
/// The relay's join batching (<see cref="RoomJoinBatcher"/>) without a silo, against a room whose answers the test
/// releases: a lone join goes at once, joins that arrive while the room answers go together in the next call (at most
/// <see cref="IRoomGrain.MaxViewerJoins"/> per call), and each joiner gets its own answer. JoinBurstTests shows the
/// same on a real server, where the batching itself cannot be seen from outside.
/// </summary>
public sealed class RoomJoinBatcherTests
{
    [Fact]
    public async Task A_lone_join_goes_at_once_and_the_joins_that_arrive_meanwhile_go_together_each_with_its_own_answer()
    {
        var room = HeldRoom.Create(out var calls);
        var batcher = new RoomJoinBatcher(room);

        var first = Join(batcher, "u0");
        var lone = await calls.Next();
        Assert.Equal(["u0"], lone.Users);
        var later = Enumerable.Range(1, 5).Select(i => Join(batcher, $"u{i}")).ToArray();
        Assert.False(calls.HasWaiting, "no second call while the first is out");

        lone.Answer();
        Assert.Equal("u0", (await first).Title);
        var together = await calls.Next();
        Assert.Equal(["u1", "u2", "u3", "u4", "u5"], together.Users);
        together.Answer(refused: "u3");

        foreach (var (join, i) in later.Select((j, i) => (j, i + 1)))
        {
            if (i == 3)
            {
                var refusal = await Assert.ThrowsAsync<LiveInteractException>(() => join);
                Assert.Equal("you are banned from this room", refusal.Message);
            }
            else
            {
                Assert.Equal($"u{i}", (await join).Title);
            }
        }

        Assert.False(calls.HasWaiting);
        // Idle again: the next lone join goes at once.
        var next = Join(batcher, "u6");
        (await calls.Next()).Answer();
        Assert.Equal("u6", (await next).Title);
    }

    [Fact]
    public async Task A_crowd_waiting_behind_one_call_goes_in_calls_of_at_most_the_room_s_limit()
    {
        var room = HeldRoom.Create(out var calls);
        var batcher = new RoomJoinBatcher(room);
        var joins = new List<Task<RoomSnapshot>> { Join(batcher, "u0") };
        var lone = await calls.Next();
        joins.AddRange(Enumerable.Range(1, IRoomGrain.MaxViewerJoins + 43).Select(i => Join(batcher, $"u{i}")));

        lone.Answer();
        var full = await calls.Next();
        Assert.Equal(IRoomGrain.MaxViewerJoins, full.Users.Count);
        full.Answer();
        var rest = await calls.Next();
        Assert.Equal(43, rest.Users.Count);
        rest.Answer();

        var answered = await Task.WhenAll(joins);
        Assert.Equal(joins.Count, answered.Select(s => s.Title).Distinct().Count());
        Assert.Equal([.. full.Users, .. rest.Users], answered.Skip(1).Select(s => s.Title));
    }

    [Fact]
    public async Task A_room_call_that_fails_fails_its_joins_only_and_the_next_joins_still_go()
    {
        var room = HeldRoom.Create(out var calls);
        var batcher = new RoomJoinBatcher(room);
        var first = Join(batcher, "u0");
        var lone = await calls.Next();
        var second = Join(batcher, "u1");

        lone.Fail(new TimeoutException("the room did not answer"));
        Assert.Equal("the room did not answer", (await Assert.ThrowsAsync<TimeoutException>(() => first)).Message);
        (await calls.Next()).Answer();
        Assert.Equal("u1", (await second).Title);
    }

    private static Task<RoomSnapshot> Join(RoomJoinBatcher batcher, string userId)
    {
        var answer = new TaskCompletionSource<RoomSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        batcher.Add(new ViewerJoin(new Actor(userId, userId), null, 0), answer);
        return answer.Task;
    }

    /// <summary>One <see cref="IRoomGrain.JoinViewers"/> call, held until the test answers or fails it.</summary>
    internal sealed class HeldCall(IReadOnlyList<ViewerJoin> joins)
    {
        private readonly TaskCompletionSource<IReadOnlyList<ViewerJoinAnswer>> _answers = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Users { get; } = [.. joins.Select(j => j.Actor.UserId)];

        public Task<IReadOnlyList<ViewerJoinAnswer>> Answers => _answers.Task;

        /// <summary>A snapshot per joiner (its user id as the title, so each can tell it got its own), or a ban for <paramref name="refused"/>.</summary>
        public void Answer(string? refused = null) => _answers.SetResult([.. Users.Select(u => u == refused
            ? new ViewerJoinAnswer(null, ErrorCodes.Forbidden, "you are banned from this room")
            : new ViewerJoinAnswer(new RoomSnapshot("room", u, "creator", "Creator", RoomStatus.Live, new RoomCounters(0, 0, 0), 0, 0, null, null, [], true, [])))]);

        public void Fail(Exception error) => _answers.SetException(error);
    }

    internal sealed class CallLog
    {
        private readonly Channel<HeldCall> _calls = Channel.CreateUnbounded<HeldCall>();

        public bool HasWaiting => _calls.Reader.Count > 0;

        public void Add(HeldCall call) => _calls.Writer.TryWrite(call);

        public async Task<HeldCall> Next() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A room that only takes joins: every other member of <see cref="IRoomGrain"/> throws.</summary>
    public class HeldRoom : DispatchProxy
    {
        private CallLog _log = null!;

        internal static IRoomGrain Create(out CallLog log)
        {
            var room = Create<IRoomGrain, HeldRoom>();
            log = ((HeldRoom)(object)room)._log = new CallLog();
            return room;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IRoomGrain.JoinViewers)) throw new NotSupportedException(targetMethod?.Name);
            var call = new HeldCall((IReadOnlyList<ViewerJoin>)args![0]!);
            _log.Add(call);
            return call.Answers;
        }
    }
}
