using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveInteract.Grains.Tests;

/// <summary>
/// Slow mode and mutes on a fake clock: the test moves the room's time instead of waiting seconds out. The server
/// tests (ModerationActionTests) check the same refusals over the hub; how long they last is checked here.
/// </summary>
public sealed class ModerationClockTests : IAsyncLifetime
{
    private static readonly Actor Creator = new("creator-c", "Creator") { Role = Roles.Creator };
    private static readonly Actor Quick = new("quick-1", "Quick");
    private static readonly Actor Other = new("other-1", "Other");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ClusterFixture _fixture;

    public ModerationClockTests() => _fixture = new ClusterFixture { Time = _clock };

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    /// <summary>The fixture's batch tick (ClusterFixture sets 10 ms).</summary>
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);

    private async Task<IRoomGrain> LiveRoom()
    {
        var room = _fixture.Grains.GetGrain<IRoomGrain>($"clock-{Guid.NewGuid():N}");
        await room.Create(Creator, "On a fake clock");
        await Stored(room.Start(Creator));
        return room;
    }

    /// <summary>
    /// The room acknowledges a comment once its batch timer has stored it, and that timer runs on this fake clock too:
    /// move the clock one batch interval per poll until the call returns (the polling interval lets the write run).
    /// </summary>
    private async Task Stored(Task call)
    {
        await Eventually.Until(() =>
        {
            if (!call.IsCompleted) _clock.Advance(BatchInterval);
            return call.IsCompleted;
        }, "the room to store the comment", TimeSpan.FromSeconds(15));
        await call;
    }

    /// <summary>Moves the clock forward to <paramref name="target"/> (the waits for storage moved it a little already).</summary>
    private void MoveTo(DateTimeOffset target)
    {
        Assert.True(_clock.GetUtcNow() < target, "storage took the clock past the point under test");
        _clock.Advance(target - _clock.GetUtcNow());
    }

    private static async Task<string> Refused(Func<Task> call, string code)
    {
        var error = await Assert.ThrowsAsync<LiveInteractException>(call);
        Assert.Equal(code, error.Code);
        return error.Message;
    }

    [Fact]
    public async Task Slow_mode_refuses_a_second_comment_until_its_seconds_have_passed_per_user()
    {
        var room = await LiveRoom();
        await room.SetSlowMode(Creator, 2);

        var beforeOne = _clock.GetUtcNow();
        await Stored(room.SendComment(Quick, "one"));
        var afterOne = _clock.GetUtcNow();
        Assert.EndsWith("slow mode: wait 2 seconds", await Refused(() => room.SendComment(Quick, "two"), ErrorCodes.RateLimited));
        await Stored(room.SendComment(Other, "other is separate"));
        await Stored(room.SendComment(Creator, "creator is exempt"));
        await Stored(room.SendComment(Creator, "creator again"));

        MoveTo(beforeOne + TimeSpan.FromSeconds(1.2));
        Assert.Contains("slow mode: wait", await Refused(() => room.SendComment(Quick, "still too early"), ErrorCodes.RateLimited));
        MoveTo(afterOne + TimeSpan.FromSeconds(2.05));
        await Stored(room.SendComment(Quick, "two, later"));

        await room.SetSlowMode(Creator, 0);
        await Stored(room.SendComment(Quick, "three, right away"));
        var texts = (await room.GetSnapshot(0, null)).Events.OfType<CommentEvent>().Select(c => c.Text).ToList();
        Assert.Equal(["one", "other is separate", "creator is exempt", "creator again", "two, later", "three, right away"], texts);
    }

    [Fact]
    public async Task A_mute_refuses_comments_with_the_seconds_left_and_ends_on_time()
    {
        var room = await LiveRoom();
        await room.MuteUser(Creator, Quick.UserId, 2);

        Assert.EndsWith("you are muted in this room for 2 more seconds", await Refused(() => room.SendComment(Quick, "can you hear me"), ErrorCodes.Forbidden));
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.EndsWith("you are muted in this room for 1 more seconds", await Refused(() => room.SendComment(Quick, "now?"), ErrorCodes.Forbidden));
        _clock.Advance(TimeSpan.FromSeconds(0.6));
        await Stored(room.SendComment(Quick, "back"));

        var texts = (await room.GetSnapshot(0, null)).Events.OfType<CommentEvent>().Select(c => c.Text).ToList();
        Assert.Equal(["back"], texts);
    }
}
