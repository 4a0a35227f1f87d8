using LiveInteract.Media.Effects;
using LiveInteract.Media.Filters;
using Microsoft.Extensions.Time.Testing;

namespace LiveInteract.Media.Tests;

/// <summary>The effect queue's rules on a fake clock: order, combo merging, expiry and the bound.</summary>
public sealed class GiftEffectScheduleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private static GiftEffectTrigger Trigger(string combo, string gift = "rose", string sender = "Ann", int seconds = 5) =>
        new(combo, gift, sender, seconds, FilterChain.Empty);

    [Fact]
    public void Effects_play_one_at_a_time_in_arrival_order_each_for_its_seconds()
    {
        var queue = new GiftEffectSchedule(time: _clock);
        Assert.Null(queue.Current());

        Assert.Equal(EffectOffer.Started, queue.Offer(Trigger("c1", "rose", "Ann", 5)));
        Assert.Equal(EffectOffer.Queued, queue.Offer(Trigger("c2", "galaxy", "Bob", 3)));
        Assert.Equal(EffectOffer.Queued, queue.Offer(Trigger("c3", "rose", "Cy", 2)));

        Assert.Equal("Ann", queue.Current()!.Sender);
        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal("Ann", queue.Current()!.Sender);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("Bob", queue.Current()!.Sender);
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("Cy", queue.Current()!.Sender);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(queue.Current());
        Assert.Equal(3, queue.Shown);
    }

    [Fact]
    public void Time_passing_without_frames_still_plays_the_line_in_order()
    {
        var queue = new GiftEffectSchedule(time: _clock);
        queue.Offer(Trigger("c1", seconds: 5));
        queue.Offer(Trigger("c2", sender: "Bob", seconds: 5));
        queue.Offer(Trigger("c3", sender: "Cy", seconds: 5));

        // No frame asked for 7 s: Ann's 5 s are over, Bob started at 5 s and has 3 s left.
        _clock.Advance(TimeSpan.FromSeconds(7));
        var now = queue.Current()!;
        Assert.Equal("Bob", now.Sender);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(3), now.EndsAt);
    }

    [Fact]
    public void A_repeat_inside_the_combo_on_screen_merges_and_extends_it()
    {
        var queue = new GiftEffectSchedule(time: _clock);
        queue.Offer(Trigger("c1", seconds: 5));
        queue.Offer(Trigger("c2", gift: "galaxy", sender: "Bob", seconds: 5));
        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(EffectOffer.Merged, queue.Offer(Trigger("c1", seconds: 5)));
        var playing = queue.Current()!;
        Assert.Equal(("Ann", 2), (playing.Sender, playing.Triggers));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(5), playing.EndsAt);
        Assert.Equal(1, queue.WaitingCount); // Bob still waits, once

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("Bob", queue.Current()!.Sender);
        Assert.Equal((2L, 1L), (queue.Shown, queue.Merged));
    }

    [Fact]
    public void A_repeat_of_a_waiting_combo_joins_it_and_keeps_its_place()
    {
        var queue = new GiftEffectSchedule(time: _clock);
        queue.Offer(Trigger("c1", seconds: 5));
        queue.Offer(Trigger("c2", gift: "galaxy", sender: "Bob", seconds: 4));
        queue.Offer(Trigger("c3", sender: "Cy", seconds: 4));
        for (var i = 0; i < 10; i++) Assert.Equal(EffectOffer.Merged, queue.Offer(Trigger("c2", gift: "galaxy", sender: "Bob", seconds: 4)));

        Assert.Equal(2, queue.WaitingCount);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var bob = queue.Current()!;
        Assert.Equal(("Bob", 11), (bob.Sender, bob.Triggers));
        Assert.Equal(TimeSpan.FromSeconds(4), bob.EndsAt - bob.StartedAt);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("Cy", queue.Current()!.Sender);
    }

    [Fact]
    public void Different_gifts_or_combos_do_not_merge()
    {
        var queue = new GiftEffectSchedule(time: _clock);
        queue.Offer(Trigger("c1", gift: "rose"));
        Assert.Equal(EffectOffer.Queued, queue.Offer(Trigger("c1", gift: "galaxy")));
        Assert.Equal(EffectOffer.Queued, queue.Offer(Trigger("c9", gift: "rose")));
        Assert.Equal(EffectOffer.Queued, queue.Offer(Trigger("", gift: "rose"))); // no combo id: never merged
        Assert.Equal(EffectOffer.Queued, queue.Offer(Trigger("", gift: "rose")));
        Assert.Equal(4, queue.WaitingCount);
    }

    [Fact]
    public void A_merged_combo_stays_on_screen_at_most_the_cap_then_the_line_moves_on()
    {
        var queue = new GiftEffectSchedule(new GiftEffectScheduleOptions(MaxMergedSeconds: 12), _clock);
        queue.Offer(Trigger("c1", seconds: 5));
        queue.Offer(Trigger("c2", gift: "galaxy", sender: "Bob", seconds: 5));
        for (var i = 0; i < 11; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(EffectOffer.Merged, queue.Offer(Trigger("c1", seconds: 5)));
        }

        // The streak keeps going, but Ann's effect ended 12 s after it started and Bob, who waited, is on screen;
        // Ann's next repeat waits behind him like any new gift.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Bob", queue.Current()!.Sender);
        Assert.Equal(EffectOffer.Queued, queue.Offer(Trigger("c1", seconds: 5)));
        Assert.Equal(2, queue.Shown);
    }

    [Fact]
    public void A_gift_storm_fills_the_line_to_its_bound_and_the_rest_is_dropped()
    {
        var queue = new GiftEffectSchedule(new GiftEffectScheduleOptions(MaxWaiting: 16), _clock);
        var offers = Enumerable.Range(0, 10_000).Select(i => queue.Offer(Trigger($"c{i}", sender: $"user{i}"))).ToList();

        Assert.Equal(1, offers.Count(o => o == EffectOffer.Started));
        Assert.Equal(16, offers.Count(o => o == EffectOffer.Queued));
        Assert.Equal(10_000 - 17, queue.Dropped);
        Assert.Equal(16, queue.WaitingCount);
        // The first 17 play, in order; the dropped ones never do.
        for (var i = 0; i < 17; i++)
        {
            Assert.Equal($"user{i}", queue.Current()!.Sender);
            _clock.Advance(TimeSpan.FromSeconds(5));
        }
        Assert.Null(queue.Current());
    }

    [Fact]
    public void An_effect_that_waited_too_long_is_skipped()
    {
        var queue = new GiftEffectSchedule(new GiftEffectScheduleOptions(MaxWait: TimeSpan.FromSeconds(20)), _clock);
        queue.Offer(Trigger("c1", seconds: 30));
        queue.Offer(Trigger("c2", sender: "Bob", seconds: 5)); // waits 30 s > 20 s
        _clock.Advance(TimeSpan.FromSeconds(10));
        queue.Offer(Trigger("c3", sender: "Cy", seconds: 5));  // waits 20 s: still in time

        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("Cy", queue.Current()!.Sender);
        Assert.Equal(1, queue.Expired);
    }

    [Fact]
    public void Clear_empties_the_screen_and_the_line()
    {
        var queue = new GiftEffectSchedule(time: _clock);
        queue.Offer(Trigger("c1"));
        queue.Offer(Trigger("c2"));
        queue.Clear();
        Assert.Null(queue.Current());
        Assert.Equal(0, queue.WaitingCount);
    }
}
