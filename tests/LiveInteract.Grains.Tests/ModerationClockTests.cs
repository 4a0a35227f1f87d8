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

    private async Task<IRoomGrain> LiveRoom()
    {
        var room = _fixture.Grains.GetGrain<IRoomGrain>($"clock-{Guid.NewGuid():N}");
        await room.Create(Creator, "On a fake clock");
        await room.Start(Creator);
        return room;
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

        await room.SendComment(Quick, "one");
        Assert.EndsWith("slow mode: wait 2 seconds", await Refused(() => room.SendComment(Quick, "two"), ErrorCodes.RateLimited));
        await room.SendComment(Other, "other is separate");
        await room.SendComment(Creator, "creator is exempt");
        await room.SendComment(Creator, "creator again");

        _clock.Advance(TimeSpan.FromSeconds(1.2));
        Assert.EndsWith("slow mode: wait 1 seconds", await Refused(() => room.SendComment(Quick, "still too early"), ErrorCodes.RateLimited));
        _clock.Advance(TimeSpan.FromSeconds(0.9));
        await room.SendComment(Quick, "two, later");

        await room.SetSlowMode(Creator, 0);
        await room.SendComment(Quick, "three, right away");
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
        await room.SendComment(Quick, "back");

        var texts = (await room.GetSnapshot(0, null)).Events.OfType<CommentEvent>().Select(c => c.Text).ToList();
        Assert.Equal(["back"], texts);
    }
}
