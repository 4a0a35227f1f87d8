namespace LiveInteract.Media.Effects;

/// <summary>
/// The rules of gift-triggered effects on one room's video, kept apart from the pipeline so they are tested with a
/// fake clock:
/// <list type="bullet">
/// <item>One effect on screen at a time; others wait in arrival order and start when the one before ends.</item>
/// <item>A trigger whose combo is on screen extends it to <c>Seconds</c> after this repeat (at most
/// <see cref="GiftEffectScheduleOptions.MaxMergedSeconds"/> in all); one whose combo is waiting joins it. A combo is one
/// sender repeating one gift, so a 50-gift streak is one showing, not 50.</item>
/// <item>At most <see cref="GiftEffectScheduleOptions.MaxWaiting"/> wait; more are dropped and counted. An effect that
/// waited past <see cref="GiftEffectScheduleOptions.WaitLimit"/> is skipped (counted as expired).</item>
/// </list>
/// Thread-safe: the room's event listener offers, the pipeline thread reads <see cref="Current"/> once per frame.
/// </summary>
public sealed class GiftEffectSchedule
{
    private readonly GiftEffectScheduleOptions _options;
    private readonly TimeProvider _time;
    private readonly LinkedList<Waiting> _waiting = new();
    private readonly Lock _gate = new();
    private PlayingEffect? _playing;

    public GiftEffectSchedule(GiftEffectScheduleOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? GiftEffectScheduleOptions.Default;
        _options.Validate();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Triggers offered so far.</summary>
    public long Offered { get; private set; }

    /// <summary>Triggers merged into a combo already on screen or waiting.</summary>
    public long Merged { get; private set; }

    /// <summary>Triggers refused because the waiting line was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Waiting effects skipped because they waited too long.</summary>
    public long Expired { get; private set; }

    /// <summary>Effects that went on screen.</summary>
    public long Shown { get; private set; }

    /// <summary>How many effects wait behind the one on screen.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                Advance(_time.GetUtcNow());
                return _waiting.Count;
            }
        }
    }

    public EffectOffer Offer(GiftEffectTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (trigger.Seconds < 1) throw new ArgumentOutOfRangeException(nameof(trigger), trigger.Seconds, "Seconds must be at least 1.");
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Offered++;
            Advance(now);
            if (_playing is { } playing && SameCombo(playing.ComboId, playing.GiftId, trigger))
            {
                var end = Max(playing.EndsAt, now + TimeSpan.FromSeconds(trigger.Seconds));
                var cap = playing.StartedAt + TimeSpan.FromSeconds(_options.MaxMergedSeconds);
                _playing = playing with { Triggers = playing.Triggers + 1, EndsAt = end < cap ? end : cap };
                Merged++;
                return EffectOffer.Merged;
            }

            for (var node = _waiting.First; node is not null; node = node.Next)
            {
                if (SameCombo(node.Value.Trigger.ComboId, node.Value.Trigger.GiftId, trigger))
                {
                    node.Value = node.Value with { Triggers = node.Value.Triggers + 1 };
                    Merged++;
                    return EffectOffer.Merged;
                }
            }

            if (_playing is null)
            {
                Start(new Waiting(trigger, 1, now), now);
                return EffectOffer.Started;
            }

            if (_waiting.Count >= _options.MaxWaiting)
            {
                Dropped++;
                return EffectOffer.Dropped;
            }

            _waiting.AddLast(new Waiting(trigger, 1, now));
            return EffectOffer.Queued;
        }
    }

    /// <summary>The effect to draw now, or null. Moves the line on when the one on screen has ended.</summary>
    public PlayingEffect? Current()
    {
        lock (_gate)
        {
            Advance(_time.GetUtcNow());
            return _playing;
        }
    }

    /// <summary>Drops everything (the stream ended or the mapping was cleared).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _playing = null;
            _waiting.Clear();
        }
    }

    private void Advance(DateTimeOffset now)
    {
        while (_playing is { } playing && playing.EndsAt <= now)
        {
            _playing = null;
            // The next one starts where the last ended (or now, if the pipeline was idle in between): arrival order.
            var start = playing.EndsAt;
            while (_waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                if (start - next.Value.At > _options.WaitLimit)
                {
                    Expired++;
                    continue;
                }

                Start(next.Value, start);
                break;
            }
        }
    }

    private void Start(Waiting waiting, DateTimeOffset at)
    {
        var t = waiting.Trigger;
        _playing = new PlayingEffect(t.ComboId, t.GiftId, t.Sender, t.Chain, waiting.Triggers, at, at + TimeSpan.FromSeconds(t.Seconds));
        Shown++;
    }

    private static bool SameCombo(string comboId, string giftId, GiftEffectTrigger trigger) =>
        comboId.Length > 0 && comboId == trigger.ComboId && giftId == trigger.GiftId;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record Waiting(GiftEffectTrigger Trigger, int Triggers, DateTimeOffset At);
}
