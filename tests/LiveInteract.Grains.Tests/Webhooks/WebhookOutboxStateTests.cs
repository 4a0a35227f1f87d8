using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Webhooks;

namespace LiveInteract.Grains.Tests.Webhooks;

public sealed class WebhookOutboxStateTests
{
    private static readonly WebhookOptions Options = new() { FirstRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromMinutes(10), RetryFor = TimeSpan.FromHours(25), MaxPending = 5, LogSize = 3 };
    private static readonly WebhookAttemptResult Ok = new(true, 200, "ok");
    private static readonly WebhookAttemptResult Fail = new(false, 500, "receiver answered 500");

    private static WebhookEvent Event(string id, string room) => new(id, "room.started", 0, room, "{}");

    [Fact]
    public void Only_each_rooms_oldest_event_is_tried_so_a_failing_one_holds_back_its_room_but_not_others()
    {
        var state = new WebhookOutboxState();
        foreach (var (id, room) in new[] { ("a1", "A"), ("a2", "A"), ("b1", "B") }) state.Add(Event(id, room), 0, Options);
        var due = state.DueHeads(0, 10);
        Assert.Equal(["a1", "b1"], due.Select(p => p.Event.Id));

        var now = DateTimeOffset.FromUnixTimeMilliseconds(0);
        state.Record(due[0], Fail, now, Options, 1.0);
        state.Record(due[1], Ok, now, Options, 1.0);
        // a1 waits for its back-off; a2 stays behind it; B has nothing left.
        Assert.Empty(state.DueHeads(500, 10));
        Assert.Equal(["a1"], state.DueHeads(1000, 10).Select(p => p.Event.Id));
        Assert.Equal(["failed", "delivered"], state.Log.Select(l => l.Outcome));
    }

    [Fact]
    public void Back_off_doubles_with_jitter_up_to_the_cap_and_gives_up_after_RetryFor()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RetrySchedule.Delay(1, Options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(8), RetrySchedule.Delay(4, Options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(4), RetrySchedule.Delay(4, Options, 0.0));
        Assert.Equal(TimeSpan.FromMinutes(10), RetrySchedule.Delay(40, Options, 1.0));

        var state = new WebhookOutboxState();
        state.Add(Event("x", "A"), 0, Options);
        var p = state.Pending[0];
        state.Record(p, Fail, DateTimeOffset.FromUnixTimeMilliseconds(0), Options, 0.5);
        state.Record(p, Fail, DateTimeOffset.FromUnixTimeMilliseconds(0) + TimeSpan.FromHours(25), Options, 0.5);
        Assert.Empty(state.Pending);
        Assert.Equal("gave_up", state.Log[^1].Outcome);
    }

    [Fact]
    public void Outbox_and_log_are_bounded_and_replay_finds_delivered_events()
    {
        var state = new WebhookOutboxState();
        for (var i = 0; i < 7; i++) state.Add(Event($"e{i}", "A"), 0, Options);
        Assert.Equal(5, state.Pending.Count);
        Assert.Equal(["refused", "refused"], state.Log.Select(l => l.Outcome));

        state.Record(state.Pending[0], Ok, DateTimeOffset.UnixEpoch, Options, 0);
        state.Record(state.Pending[0], Ok, DateTimeOffset.UnixEpoch, Options, 0);
        Assert.Equal(["refused", "delivered", "delivered"], state.Log.Select(l => l.Outcome)); // LogSize 3
        state.Record(state.Pending[0], Ok, DateTimeOffset.UnixEpoch, Options, 0);
        Assert.Equal(["delivered", "delivered", "delivered"], state.Log.Select(l => l.Outcome));
        Assert.Equal(1, state.Replay(["e0", "unknown"], 0, Options));
        Assert.Equal("e0", state.Pending[^1].Event.Id);
    }
}
