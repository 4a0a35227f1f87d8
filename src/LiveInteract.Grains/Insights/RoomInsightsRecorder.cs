using LiveInteract.Contracts.Privacy;
using LiveInteract.Grains.Privacy;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Insights;

/// <summary>
/// The rules of one live's analytics, testable without a silo: applies the room's events, its like counter and the
/// silos' viewer joins and leaves to a <see cref="RoomInsightsState"/>, at times the caller gives (unix ms).
/// Concurrent viewers are integrated over time into viewer-ms per minute; a viewer is present while connected on at
/// least one silo; watch time is the sum of a viewer's sessions. Who is present right now is kept in memory and
/// rebuilt from the silos' periodic full reports.
/// </summary>
public sealed class RoomInsightsRecorder
{
    private const long MinuteMs = 60_000;

    private readonly InsightsOptions _options;
    private readonly InteractiveOutcomeRecorder _interactive;
    private readonly Dictionary<string, SiloPresence> _silos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _present = new(StringComparer.Ordinal);
    private readonly List<string> _unclassified = [];
    private long _accountedTo;

    public RoomInsightsRecorder(RoomInsightsState state, InsightsOptions options)
    {
        State = state;
        _options = options;
        _interactive = new InteractiveOutcomeRecorder(state, options);
        // Sessions open when the figures were last stored end then: who is still here shows in the next full report.
        foreach (var viewer in State.Viewers.Values)
        {
            if (viewer.OpenSince is { } since)
            {
                viewer.WatchMs += Math.Max(0, State.StoredAt - since);
                viewer.OpenSince = null;
            }
        }
        foreach (var (userId, viewer) in State.Viewers)
            if (viewer.Returning is null) _unclassified.Add(userId);
    }

    public RoomInsightsState State { get; }

    public int ConcurrentViewers => _present.Count;

    public bool Ended => State.EndedAt is not null;

    /// <summary>Viewers first seen and not yet classified as new or returning.</summary>
    public IReadOnlyList<string> Unclassified => _unclassified;

    /// <summary>Applies the creator history's answer for <paramref name="asked"/>: those in <paramref name="returning"/> came before.</summary>
    public void Classify(IReadOnlyList<string> asked, IReadOnlyList<string> returning)
    {
        var back = returning.ToHashSet(StringComparer.Ordinal);
        foreach (var userId in asked)
            if (State.Viewers.TryGetValue(userId, out var viewer)) viewer.Returning = back.Contains(userId);
        var done = asked.ToHashSet(StringComparer.Ordinal);
        _unclassified.RemoveAll(done.Contains);
    }

    /// <summary>Who the room is; times are this clock's (<paramref name="now"/>), so every figure of a live uses one clock.</summary>
    public void ApplyRoom(string creatorId, string creatorName, string title, RoomStatus status, long now)
    {
        State.CreatorId = creatorId;
        State.CreatorName = creatorName;
        State.Title = title;
        if (State.FirstActivityAt == 0) State.FirstActivityAt = now;
        if (status != RoomStatus.Created) State.StartedAt ??= now;
        if (status == RoomStatus.Ended) Finish(now);
    }

    /// <summary>Counts the events after <see cref="RoomInsightsState.LastSeq"/>; returns the gifts among them (for the rankings).</summary>
    public IReadOnlyList<GiftEvent> ApplyEvents(IEnumerable<RoomEvent> events, long now)
    {
        List<GiftEvent> gifts = [];
        foreach (var e in events)
        {
            if (e.Seq <= State.LastSeq) continue;
            State.LastSeq = e.Seq;
            if (Ended) continue; // a live's figures close with its end
            switch (e)
            {
                case CommentEvent:
                    State.Comments++;
                    Bucket(now).Comments++;
                    break;
                case GiftEvent gift:
                    CountGift(gift, now);
                    gifts.Add(gift);
                    break;
                case RoomStatusEvent { Status: RoomStatus.Live }:
                    State.StartedAt ??= now;
                    break;
                case RoomStatusEvent { Status: RoomStatus.Ended }:
                    Finish(now);
                    break;
                default:
                    if (_interactive.Apply(e, now)) break;
                    if (ModerationAction(e) is { } action)
                    {
                        State.Moderation[action] = State.Moderation.GetValueOrDefault(action) + 1;
                        Bucket(now).ModerationActions++;
                    }
                    break;
            }
        }
        return gifts;
    }

    /// <summary>The room's running like total: its increase since the last batch is this minute's likes.</summary>
    public void ApplyLikes(long roomLikes, long now)
    {
        var added = roomLikes - State.LastLikes;
        if (added <= 0) return;
        State.LastLikes = roomLikes;
        if (Ended) return;
        State.Likes += added;
        Bucket(now).Likes += added;
    }

    public void ApplyPresence(string siloId, IReadOnlyList<string> joined, IReadOnlyList<string> left, bool full, long now)
    {
        if (!_silos.TryGetValue(siloId, out var silo)) _silos[siloId] = silo = new SiloPresence();
        if (Ended) return;
        Advance(now);
        if (full)
        {
            var present = joined.ToHashSet(StringComparer.Ordinal);
            foreach (var userId in silo.Users.Where(u => !present.Contains(u)).ToArray()) Leave(silo, userId, now);
        }
        else
        {
            foreach (var userId in left) Leave(silo, userId, now);
        }
        foreach (var userId in joined) Join(silo, userId, now);
    }

    /// <summary>A silo that went silent (crashed): its viewers leave now.</summary>
    public void DropSilo(string siloId, long now)
    {
        if (!_silos.Remove(siloId, out var silo)) return;
        Advance(now);
        foreach (var userId in silo.Users.ToArray()) Leave(silo, userId, now);
    }

    /// <summary>The live ended: every open session ends now and nothing is counted after it (but late likes are not either).</summary>
    public void Finish(long now)
    {
        if (Ended) return;
        Advance(now);
        foreach (var silo in _silos.Values)
            foreach (var userId in silo.Users.ToArray()) Leave(silo, userId, now);
        State.EndedAt = now;
    }

    /// <summary>Adds the viewer-ms from the last change up to <paramref name="now"/>, split at minute boundaries.</summary>
    public void Advance(long now)
    {
        if (_accountedTo == 0 || now <= _accountedTo)
        {
            _accountedTo = Math.Max(_accountedTo, now);
            return;
        }
        var concurrent = _present.Count;
        if (concurrent > 0)
        {
            for (var t = _accountedTo; t < now;)
            {
                var minute = t - t % MinuteMs;
                var end = Math.Min(now, minute + MinuteMs);
                var bucket = Bucket(minute);
                bucket.ViewerMs += concurrent * (end - t);
                bucket.PeakViewers = Math.Max(bucket.PeakViewers, concurrent);
                t = end;
            }
            State.ViewerMs += concurrent * (now - _accountedTo);
        }
        _accountedTo = now;
    }

    public LiveHeadline Headline(long now)
    {
        var end = State.EndedAt ?? now;
        var start = State.StartedAt ?? State.FirstActivityAt;
        var duration = Math.Max(0, end - start);
        long watch = 0;
        int fresh = 0, returning = 0;
        foreach (var viewer in State.Viewers.Values)
        {
            watch += viewer.WatchMs + (viewer.OpenSince is { } since ? Math.Max(0, end - since) : 0);
            if (viewer.Returning == true) returning++;
            else if (viewer.Returning == false) fresh++;
        }
        var unique = State.Viewers.Count;
        return new LiveHeadline(
            PeakViewers: State.PeakViewers,
            AverageViewers: duration == 0 ? 0 : Math.Round((double)State.ViewerMs / duration, 3),
            UniqueViewers: unique,
            AverageWatchMs: unique == 0 ? 0 : watch / unique,
            NewViewers: fresh,
            ReturningViewers: returning,
            Comments: State.Comments,
            Likes: State.Likes,
            Gifts: State.GiftCount,
            GiftCoins: State.GiftCoins,
            ViewerMinutes: State.ViewerMs / MinuteMs,
            DeletedComments: State.Moderation.GetValueOrDefault(EventTypes.CommentDeleted),
            Bans: State.Moderation.GetValueOrDefault(EventTypes.UserBanned),
            Mutes: State.Moderation.GetValueOrDefault(EventTypes.UserMuted),
            DurationMs: duration);
    }

    public RoomInsights View(string roomId, long now, int topGifters)
    {
        var end = State.EndedAt ?? now;
        var start = State.StartedAt ?? State.FirstActivityAt;
        var minutes = State.Minutes.Select(b =>
        {
            var span = Math.Min(b.Minute + MinuteMs, end) - Math.Max(b.Minute, start);
            var average = span <= 0 ? 0 : Math.Round((double)b.ViewerMs / span, 3);
            return new InsightsMinute(b.Minute, b.PeakViewers, average, b.Joins, b.Comments, b.Likes, b.Gifts, b.GiftCoins, b.ModerationActions);
        }).ToArray();
        return new RoomInsights(
            roomId, State.CreatorId, State.Title, State.StartedAt, State.EndedAt, Headline(now), minutes,
            [.. State.Gifts.Select(g => new GiftTotal(g.Key, g.Value.Name, g.Value.Count, g.Value.Coins)).OrderByDescending(g => g.Coins).ThenBy(g => g.GiftId, StringComparer.Ordinal)],
            [.. State.Gifters.OrderByDescending(g => g.Value.Coins).ThenBy(g => g.Key, StringComparer.Ordinal).Take(topGifters)
                .Select(g => new GifterTotal(g.Key, g.Value.Name, g.Value.Coins, g.Value.Count))],
            [.. State.Moderation.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new ModerationCount(m.Key, m.Value))],
            State.ViewersCapped,
            _present.Count,
            _interactive.Polls(),
            _interactive.Questions(),
            _interactive.Goals());
    }

    /// <summary>What this live holds about <paramref name="userId"/> (export); null when nothing.</summary>
    public LiveUserData? UserData(string roomId, string userId)
    {
        var viewer = State.Viewers.GetValueOrDefault(userId);
        var gifter = State.Gifters.GetValueOrDefault(userId);
        var questions = _interactive.AskedBy(userId);
        if (viewer is null && gifter is null && questions.Count == 0) return null;
        return new LiveUserData(roomId, viewer?.FirstSeenAt, viewer?.WatchMs ?? 0, viewer?.Returning,
            gifter is null ? null : new GifterTotal(userId, gifter.Name, gifter.Coins, gifter.Count), questions);
    }

    /// <summary>
    /// Erase: the user's viewer and gifter records move to the pseudonym (name removed), the texts of their answered
    /// questions are removed, and the figures stay; an open
    /// session ends now and the user is no longer taken as present (their connections are being refused).
    /// </summary>
    public bool Erase(Erasure erasure, long now)
    {
        if (!Ended) Advance(now);
        foreach (var silo in _silos.Values) silo.Users.Remove(erasure.UserId);
        _present.Remove(erasure.UserId);
        _unclassified.Remove(erasure.UserId);
        if (State.Viewers.TryGetValue(erasure.UserId, out var viewer))
        {
            if (viewer.OpenSince is { } since) viewer.WatchMs += Math.Max(0, (State.EndedAt ?? now) - since);
            viewer.OpenSince = null;
            viewer.Returning ??= false; // never asked about under the pseudonym
        }
        var changed = erasure.Rekey(State.Viewers) | erasure.Rekey(State.Gifters, g =>
        {
            g.Name = Erasure.ErasedName;
            return g;
        }) | _interactive.Erase(erasure);
        if (State.CreatorId == erasure.UserId)
        {
            State.CreatorName = Erasure.ErasedName;
            changed = true;
        }
        return changed;
    }

    /// <summary>
    /// Retention: per-viewer and per-gifter records lose who they were (numbered anonymous keys, no names), answered
    /// questions their text and asker; every figure of the live stays as it was. Only after the live ended.
    /// </summary>
    public bool ExpireViewers()
    {
        if (!Ended || State.ViewersExpired) return false;
        _unclassified.Clear();
        var viewers = new Dictionary<string, ViewerRecord>(StringComparer.Ordinal);
        foreach (var viewer in State.Viewers.Values)
        {
            viewer.Returning ??= false;
            viewers[$"expired-{viewers.Count + 1}"] = viewer;
        }
        var gifters = new Dictionary<string, GiftTally>(StringComparer.Ordinal);
        foreach (var gifter in State.Gifters.Values.OrderByDescending(g => g.Coins))
        {
            gifter.Name = "";
            gifters[$"expired-{gifters.Count + 1}"] = gifter;
        }
        _interactive.Expire();
        (State.Viewers, State.Gifters, State.ViewersExpired) = (viewers, gifters, true);
        return true;
    }

    private void Join(SiloPresence silo, string userId, long now)
    {
        if (!silo.Users.Add(userId)) return;
        var silos = _present.GetValueOrDefault(userId) + 1;
        _present[userId] = silos;
        if (silos > 1) return;
        if (_accountedTo == 0) _accountedTo = now;
        if (State.FirstActivityAt == 0) State.FirstActivityAt = now;
        State.PeakViewers = Math.Max(State.PeakViewers, _present.Count);
        var bucket = Bucket(now);
        bucket.PeakViewers = Math.Max(bucket.PeakViewers, _present.Count);
        if (State.Viewers.TryGetValue(userId, out var viewer))
        {
            viewer.OpenSince ??= now;
            return;
        }
        if (State.Viewers.Count >= _options.MaxViewersTracked)
        {
            State.ViewersCapped = true;
            return;
        }
        State.Viewers[userId] = new ViewerRecord { FirstSeenAt = now, OpenSince = now };
        bucket.Joins++;
        _unclassified.Add(userId);
    }

    private void Leave(SiloPresence silo, string userId, long now)
    {
        if (!silo.Users.Remove(userId)) return;
        var silos = _present.GetValueOrDefault(userId) - 1;
        if (silos > 0)
        {
            _present[userId] = silos;
            return;
        }
        _present.Remove(userId);
        if (State.Viewers.TryGetValue(userId, out var viewer) && viewer.OpenSince is { } since)
        {
            viewer.WatchMs += Math.Max(0, now - since);
            viewer.OpenSince = null;
        }
    }

    private void CountGift(GiftEvent gift, long now)
    {
        State.GiftCount += gift.Count;
        State.GiftCoins += gift.Coins;
        var bucket = Bucket(now);
        bucket.Gifts += gift.Count;
        bucket.GiftCoins += gift.Coins;
        if (!State.Gifts.TryGetValue(gift.GiftId, out var byType))
        {
            if (State.Gifts.Count >= _options.MaxGiftersTracked) byType = null;
            else State.Gifts[gift.GiftId] = byType = new GiftTally { Name = gift.Name };
        }
        if (byType is not null)
        {
            byType.Count += gift.Count;
            byType.Coins += gift.Coins;
        }
        if (gift.UserId is not { } senderId) return;
        if (!State.Gifters.TryGetValue(senderId, out var gifter))
        {
            // Full: the smallest gifter makes room (a gifter outside the kept ones cannot be in the top anyway).
            if (State.Gifters.Count >= _options.MaxGiftersTracked)
                State.Gifters.Remove(State.Gifters.MinBy(g => g.Value.Coins).Key);
            State.Gifters[senderId] = gifter = new GiftTally();
        }
        gifter.Name = gift.DisplayName ?? senderId;
        gifter.Count += gift.Count;
        gifter.Coins += gift.Coins;
    }

    private MinuteBucket Bucket(long at)
    {
        var minute = at - at % MinuteMs;
        var list = State.Minutes;
        var i = list.Count - 1;
        while (i >= 0 && list[i].Minute > minute) i--;
        if (i >= 0 && list[i].Minute == minute) return list[i];
        var bucket = new MinuteBucket { Minute = minute };
        list.Insert(i + 1, bucket);
        if (list.Count > _options.MaxMinutes) list.RemoveAt(0);
        return bucket;
    }

    private static string? ModerationAction(RoomEvent e) => e switch
    {
        CommentDeletedEvent => EventTypes.CommentDeleted,
        UserMutedEvent => EventTypes.UserMuted,
        UserBannedEvent => EventTypes.UserBanned,
        UserUnbannedEvent => EventTypes.UserUnbanned,
        SlowModeEvent => EventTypes.SlowMode,
        ModeratorAddedEvent => EventTypes.ModeratorAdded,
        ModeratorRemovedEvent => EventTypes.ModeratorRemoved,
        BlockedWordsChangedEvent => EventTypes.BlockedWords,
        _ => null,
    };

    private sealed class SiloPresence
    {
        public HashSet<string> Users { get; } = new(StringComparer.Ordinal);
    }
}
