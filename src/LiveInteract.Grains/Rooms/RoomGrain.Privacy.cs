using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Privacy;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Grains.Privacy;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// A room's part of export, erase and retention (docs/PRIVACY.md). The log is read in pages; rewritten events go
/// through the same redaction path as a deleted comment (memory now, the log with the next write).
/// </summary>
public sealed partial class RoomGrain
{
    private const int PrivacyPage = 1_000;

    public async Task<RoomUserData?> ExportUser(string userId)
    {
        if (!_core.RecordExists) return null;
        var erasure = new Erasure(userId, "");
        List<RoomEvent> events = [];
        await foreach (var e in AllEvents())
            if (erasure.Mentions(e)) events.Add(e);
        // And those not stored yet (an acknowledged moderation action may still wait for the next write).
        events.AddRange(_pending.Where(e => erasure.Mentions(e) && (events.Count == 0 || e.Seq > events[^1].Seq)));
        var board = GiftState.Board.Gifters.GetValueOrDefault(userId);
        var data = new RoomUserData(
            RoomId, State.Title, State.CreatorId == userId, events,
            [.. Mod.Audit.Where(erasure.Mentions)],
            Mod.Moderators.Contains(userId),
            Mod.Banned.Contains(userId),
            Mod.MutedUntil.TryGetValue(userId, out var until) ? until : null,
            [.. Mod.Held.Items.Where(h => h.UserId == userId)],
            [.. Questions.Questions.Where(q => q.UserId == userId).Select(q => q.View(userId))],
            Votes(userId),
            board);
        var empty = !data.IsCreator && events.Count == 0 && data.Audit.Count == 0 && !data.Moderator && !data.Banned
            && data.MutedUntil is null && data.HeldComments.Count == 0 && data.Questions.Count == 0 && data.Votes.Count == 0 && board is null;
        return empty ? null : data;
    }

    public async Task<int> EraseUser(string userId, string pseudonym)
    {
        if (!_core.RecordExists) return 0;
        var erasure = new Erasure(userId, pseudonym);
        var rewritten = 0;
        // Stored events (a redaction not yet written is the newer version), then those not stored yet.
        await foreach (var stored in AllEvents())
            if (erasure.Scrub(_redactions.GetValueOrDefault(stored.Seq, stored)) is { } scrubbed)
            {
                Redact(scrubbed);
                rewritten++;
            }
        for (var i = 0; i < _pending.Count; i++)
            if (erasure.Scrub(_pending[i]) is { } scrubbed)
            {
                // Also a redaction: a write already under way may have taken the original; the next one rewrites it.
                _pending[i] = scrubbed;
                Redact(scrubbed);
                rewritten++;
            }

        if (erasure.Rekey(Mod.Moderators) | erasure.Rekey(Mod.Banned) | erasure.Rekey(Mod.MutedUntil)
            | Mod.Held.Items.RemoveAll(h => h.UserId == userId) > 0 | Mod.Audit.Any(erasure.Mentions)) _moderation.MarkChanged();
        Mod.Audit = [.. Mod.Audit.Select(r => erasure.Mentions(r) ? erasure.Scrub(r) : r)];
        foreach (var (device, banned) in Mod.BannedDevices.ToArray())
            if (erasure.Names(banned))
            {
                Mod.BannedDevices[device] = pseudonym;
                _moderation.MarkChanged();
            }
        _devices = null; // its memory maps the user to a device

        var board = GiftState.Board;
        // The dedupe mark moves with the user: a redelivery after the erase (there is none: the wallet's outbox is
        // empty first) would still be recognised.
        if (erasure.Rekey(board.Gifters, erasure.Scrub) | erasure.Rekey(board.AppliedUpTo) | erasure.Rekey(board.LastGiftAt) | erasure.Rekey(board.Combos, c =>
        {
            c.ComboId = erasure.InText(c.ComboId);
            return c;
        }) | board.Top.Any(t => erasure.Names(t.UserId))) _gifts.MarkChanged();
        board.Top = [.. board.Top.Select(erasure.Scrub)];

        foreach (var question in Questions.Questions)
        {
            if (question.UserId == userId)
            {
                (question.UserId, question.DisplayName, question.Text) = (pseudonym, Erasure.ErasedName, "");
                _questions.MarkChanged();
            }
            if (erasure.Rekey(question.Upvoters)) _questions.MarkChanged();
        }
        if (Questions.Pinned is { } pin && erasure.Names(pin.UserId))
        {
            Questions.Pinned = erasure.Scrub(pin);
            _questions.MarkChanged();
        }
        if (Polls.Current is { } poll && erasure.Rekey(poll.Votes)) _polls.MarkChanged();
        if (State.CreatorId == userId)
        {
            State.CreatorName = Erasure.ErasedName;
            _core.MarkChanged();
        }
        if (HasUnstored) await Acknowledged();
        return rewritten;
    }

    public async Task ExpireViewerData()
    {
        if (!_core.RecordExists || State.Status != RoomStatus.Ended) return;
        // Everything up to the last seq leaves the log; seqs go on from there (an ended room takes no new events).
        await log.Append(RoomId, [], State.LastSeq);
        Tail.Load([]);
        _redactions.Clear();
        // The moderation audit stays (trust and safety keep it); comments held for review go.
        if (Mod.Held.Items.Count > 0) _moderation.MarkChanged();
        Mod.Held.Items.Clear();
        var board = GiftState.Board;
        if (board.Gifters.Count > 0)
        {
            // Totals stay; who gave them goes.
            board.Gifters.Clear();
            board.Combos.Clear();
            board.Top = [.. board.Top.Select((t, i) => new TopGifter($"expired-{i + 1}", "", t.Coins))];
            _gifts.MarkChanged();
        }
        if (Questions.Questions.Count > 0 || Questions.Pinned is not null)
        {
            Questions.Questions.Clear();
            Questions.Pinned = null;
            _questions.MarkChanged();
        }
        if (HasUnstored) await Acknowledged();
    }

    private PollVote[] Votes(string userId) =>
        Polls.Current is { } poll && poll.Votes.TryGetValue(userId, out var option) ? [new PollVote(poll.PollId, option)] : [];

    private void Redact(RoomEvent scrubbed)
    {
        Tail.Replace(scrubbed);
        _redactions[scrubbed.Seq] = scrubbed;
    }

    /// <summary>Every event in the log, oldest first, a page at a time.</summary>
    private async IAsyncEnumerable<RoomEvent> AllEvents()
    {
        for (long after = 0; after < State.LastSeq;)
        {
            var page = await log.Read(RoomId, after, State.LastSeq, PrivacyPage);
            if (page.Count == 0) yield break;
            foreach (var e in page) yield return e;
            after = page[^1].Seq;
        }
    }
}
