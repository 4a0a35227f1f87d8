using LiveInteract.Grains.Abstractions;
using System.Text.RegularExpressions;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Contracts.Webhooks;
using LiveInteract.Grains.Text;

namespace LiveInteract.Grains.Rooms;

/// <summary>
/// Moderation of a room: roles (creator, moderators), bans, mutes, slow mode, deleted comments and the keyword
/// filter. The room is the authority: the hub checks too, but every rule here holds for a direct grain call.
/// </summary>
public sealed partial class RoomGrain
{
    private const int LastCommentPruneAt = 4096;

    private readonly Dictionary<string, DateTimeOffset> _lastComment = new(StringComparer.Ordinal);
    private BlockedWordMatcher? _matcher;

    private ModerationOptions Moderation => moderationOptions.Value;
    private BlockedWordMatcher Matcher => _matcher ??= new BlockedWordMatcher(Mod.BlockedWords);

    public Task MuteUser(Actor actor, string userId, int seconds)
    {
        EnsureOpen();
        var target = RequireCanModerate(actor, userId);
        if (seconds < 0 || seconds > Moderation.MaxMuteSeconds)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"seconds must be between 0 and {Moderation.MaxMuteSeconds}");
        var nowMs = Now.ToUnixTimeMilliseconds();
        foreach (var (user, until) in Mod.MutedUntil.ToArray())
            if (until <= nowMs) Mod.MutedUntil.Remove(user);
        var untilMs = nowMs + seconds * 1000L;
        if (seconds > 0 && !Mod.MutedUntil.ContainsKey(target) && Mod.MutedUntil.Count >= Moderation.MaxMutedUsers)
            throw new LiveInteractException(ErrorCodes.Conflict, $"the room has {Moderation.MaxMutedUsers} users muted, its maximum; lift a mute or ban instead");
        if (seconds == 0) Mod.MutedUntil.Remove(target); else Mod.MutedUntil[target] = untilMs;
        Append(new UserMutedEvent(target, seconds == 0 ? nowMs : untilMs), actor);
        Audit(actor, ModerationActions.Mute, target, $"{seconds}s");
        return Task.CompletedTask;
    }

    public async Task BanUser(Actor actor, string userId)
    {
        EnsureOpen();
        var target = RequireCanModerate(actor, userId);
        if (Mod.Banned.Contains(target)) return;
        if (Mod.Banned.Count >= Moderation.MaxBannedUsers)
            throw new LiveInteractException(ErrorCodes.Conflict, $"the room has {Moderation.MaxBannedUsers} users banned, its maximum; unban someone first");
        Mod.Banned.Add(target);
        Mod.Moderators.Remove(target); // only the creator can get here for a moderator
        BanDevice(target);
        Append(new UserBannedEvent(target), actor);
        Audit(actor, ModerationActions.Ban, target, null);
        await PublishWebhook(WebhookEventTypes.UserBanned, new { userId = target, byUserId = actor.UserId, byDisplayName = actor.DisplayName });
    }

    public Task UnbanUser(Actor actor, string userId)
    {
        EnsureOpen();
        var target = RequireCanModerate(actor, userId);
        if (!Mod.Banned.Remove(target)) return Task.CompletedTask;
        UnbanDevices(target);
        Append(new UserUnbannedEvent(target), actor);
        Audit(actor, ModerationActions.Unban, target, null);
        return Task.CompletedTask;
    }

    public Task DeleteComment(Actor actor, string commentId)
    {
        EnsureOpen();
        RequireStaff(actor);
        var match = CommentIdPattern().Match(commentId ?? "");
        if (!match.Success || !long.TryParse(match.Groups[1].ValueSpan, out var seq) || seq < 1 || seq > State.LastSeq)
            throw new LiveInteractException(ErrorCodes.NotFound, "comment not found");
        string? author = null;
        if (Tail.Find(seq) is { } held)
        {
            if (held is not CommentEvent comment) throw new LiveInteractException(ErrorCodes.NotFound, "comment not found");
            if (comment.Text.Length == 0) return Task.CompletedTask; // already deleted
            // Scrub the text from memory and (with the next write) from the log; the deletion event follows it in every replay.
            var scrubbed = comment with { Text = "" };
            Tail.Replace(scrubbed);
            var pendingIndex = _pending.FindIndex(e => e.Seq == seq);
            if (pendingIndex >= 0) _pending[pendingIndex] = scrubbed;
            _redactions[seq] = scrubbed;
            author = comment.UserId;
        }
        Append(new CommentDeletedEvent(commentId!), actor);
        Audit(actor, ModerationActions.DeleteComment, author, commentId);
        // A deleted comment does not stay pinned.
        if (Questions.Pinned is { Kind: PinnedItem.Comment } pin && pin.ItemId == commentId && Questions.Unpin())
        {
            _questions.MarkChanged();
            Append(new UnpinnedEvent(), actor);
        }
        return Task.CompletedTask;
    }

    public Task SetSlowMode(Actor actor, int seconds)
    {
        EnsureOpen();
        RequireStaff(actor);
        if (seconds < 0 || seconds > Moderation.MaxSlowModeSeconds)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"seconds must be between 0 and {Moderation.MaxSlowModeSeconds}");
        if (Mod.SlowModeSeconds == seconds) return Task.CompletedTask;
        Mod.SlowModeSeconds = seconds;
        Append(new SlowModeEvent(seconds), actor);
        Audit(actor, ModerationActions.SlowMode, null, $"{seconds}s");
        return Task.CompletedTask;
    }

    public Task AddModerator(Actor actor, string userId)
    {
        EnsureOpen();
        RequireCreator(actor);
        var target = ValidUserId(userId);
        if (target == State.CreatorId) throw new LiveInteractException(ErrorCodes.BadRequest, "the creator already moderates the room");
        if (Mod.Banned.Contains(target)) throw new LiveInteractException(ErrorCodes.Conflict, "unban the user first");
        if (Mod.Moderators.Contains(target)) return Task.CompletedTask;
        if (Mod.Moderators.Count >= Moderation.MaxModerators)
            throw new LiveInteractException(ErrorCodes.Conflict, $"the room has {Moderation.MaxModerators} moderators, its maximum; remove one first");
        Mod.Moderators.Add(target);
        Append(new ModeratorAddedEvent(target), actor);
        Audit(actor, ModerationActions.AddModerator, target, null);
        return Task.CompletedTask;
    }

    public Task RemoveModerator(Actor actor, string userId)
    {
        EnsureOpen();
        RequireCreator(actor);
        var target = ValidUserId(userId);
        if (!Mod.Moderators.Remove(target)) return Task.CompletedTask;
        Append(new ModeratorRemovedEvent(target), actor);
        Audit(actor, ModerationActions.RemoveModerator, target, null);
        return Task.CompletedTask;
    }

    public Task SetBlockedWords(Actor actor, IReadOnlyList<string> words)
    {
        EnsureOpen();
        RequireCreator(actor);
        if (words is null || words.Count > Moderation.MaxBlockedWords)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"at most {Moderation.MaxBlockedWords} blocked words");
        var clean = new List<string>(words.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var w = TextSanitizer.Require(word, "blocked word", Moderation.MaxBlockedWordLength);
            if (BlockedWordMatcher.Key(w).Length == 0) throw new LiveInteractException(ErrorCodes.BadRequest, "a blocked word needs a letter or digit");
            if (keys.Add(BlockedWordMatcher.Key(w))) clean.Add(w);
        }
        Mod.BlockedWords = clean;
        _matcher = null;
        Append(new BlockedWordsChangedEvent(clean.Count), actor);
        Audit(actor, ModerationActions.BlockedWords, null, $"{clean.Count} words");
        return Task.CompletedTask;
    }

    public Task<ModerationPage> GetModerationLog(Actor actor, long? before, int limit)
    {
        EnsureExists();
        RequireStaff(actor);
        limit = Math.Clamp(limit, 1, 200);
        var audit = Mod.Audit;
        // Ids are consecutive, so the end of the page is index arithmetic.
        var end = audit.Count;
        if (before is { } b && audit.Count > 0) end = (int)Math.Clamp(b - audit[0].Id, 0, audit.Count);
        var start = Math.Max(0, end - limit);
        var items = audit.GetRange(start, end - start);
        items.Reverse();
        return Task.FromResult(new ModerationPage(items, start > 0 ? items[^1].Id : null));
    }

    public Task EnsureCanInteract(Actor actor)
    {
        EnsureExists();
        RequireCanInteract(actor);
        return Task.CompletedTask;
    }

    public Task EnsureCanJoin(Actor actor)
    {
        EnsureExists();
        if (AdmitViewer(actor) is { } refusal) throw refusal;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The rule a joining viewer passes, for one join (<see cref="EnsureCanJoin"/>) and for a relay's batch of them
    /// (<see cref="JoinViewers"/>): null when admitted (its device is then recorded for the risk signals), else why not.
    /// </summary>
    private LiveInteractException? AdmitViewer(Actor actor)
    {
        if (Mod.Banned.Contains(actor.UserId)) return Banned();
        ObserveDevice(actor);
        return null;
    }

    /// <summary>
    /// The moderation rules a comment passes before it is published. Returns a receipt when the keyword filter holds
    /// the comment (it is then audited, not published), null when the comment may be published.
    /// </summary>
    private CommentReceipt? ScreenComment(Actor actor, string clean)
    {
        RequireCanInteract(actor);
        var staff = IsStaff(actor);
        var now = Now;
        if (!staff && Mod.MutedUntil.TryGetValue(actor.UserId, out var until) && until > now.ToUnixTimeMilliseconds())
        {
            var left = (int)Math.Ceiling((until - now.ToUnixTimeMilliseconds()) / 1000.0);
            throw new LiveInteractException(ErrorCodes.Forbidden, $"you are muted in this room for {left} more seconds");
        }
        if (!staff && Mod.SlowModeSeconds > 0 && _lastComment.TryGetValue(actor.UserId, out var last))
        {
            var wait = last.AddSeconds(Mod.SlowModeSeconds) - now;
            if (wait > TimeSpan.Zero)
                throw new LiveInteractException(ErrorCodes.RateLimited, $"slow mode: wait {(int)Math.Ceiling(wait.TotalSeconds)} seconds");
        }
        if (!Matcher.IsEmpty && Matcher.Matches(clean))
        {
            if (Moderation.BlockedWordsAction == BlockedWordsAction.Refuse)
                throw new LiveInteractException(ErrorCodes.BadRequest, "comment contains a blocked word");
            _lastComment[actor.UserId] = now;
            var held = Mod.Held.Hold(actor.UserId, TextSanitizer.Clean(actor.DisplayName), clean, now.ToUnixTimeMilliseconds(),
                Moderation.HeldCommentExpiry, Moderation.MaxHeldComments);
            Audit(actor, ModerationActions.CommentHeld, actor.UserId, clean);
            EnsureTimer();
            // CommentId carries the held id (for review), Seq stays 0: nothing was published.
            return new CommentReceipt(held.HeldId, 0) { Held = true };
        }
        if (Mod.SlowModeSeconds > 0)
        {
            if (_lastComment.Count >= LastCommentPruneAt) PruneLastComments(now);
            _lastComment[actor.UserId] = now;
        }
        return null;
    }

    // Slow-mode timestamps older than the interval decide nothing: drop them so a busy room's map stays small.
    private void PruneLastComments(DateTimeOffset now)
    {
        var cutoff = now.AddSeconds(-Mod.SlowModeSeconds);
        foreach (var (user, at) in _lastComment.ToArray())
            if (at <= cutoff) _lastComment.Remove(user);
    }

    private void Audit(Actor actor, string action, string? target, string? detail)
    {
        _moderation.MarkChanged();
        var audit = Mod.Audit;
        audit.Add(new ModerationRecord(++Mod.LastAuditId, Now.ToUnixTimeMilliseconds(), actor.UserId, actor.DisplayName, action, target, detail));
        if (audit.Count > Moderation.AuditCapacity + Moderation.AuditCapacity / 8)
            audit.RemoveRange(0, audit.Count - Moderation.AuditCapacity);
    }

    private bool IsStaff(Actor actor) =>
        actor.Role != Roles.Guest && (actor.UserId == State.CreatorId || Mod.Moderators.Contains(actor.UserId)
            || (actor.ModeratorOf?.Contains(RoomId) ?? false));

    private void RequireStaff(Actor actor)
    {
        if (!IsStaff(actor))
            throw new LiveInteractException(ErrorCodes.Forbidden, "only the room's creator and moderators can do that");
    }

    /// <summary>
    /// The one creator check of the room (start, end, filters, moderators, blocked words): the actor is the room's
    /// creator, and not through a guest token, which only ever watches.
    /// </summary>
    private void RequireCreator(Actor actor)
    {
        if (actor.Role == Roles.Guest || actor.UserId != State.CreatorId)
            throw new LiveInteractException(ErrorCodes.Forbidden, "only the room's creator can do that");
    }

    private void RequireCanInteract(Actor actor)
    {
        if (actor.Role == Roles.Guest) throw new LiveInteractException(ErrorCodes.Forbidden, "guests can only watch; sign in to take part");
        if (Mod.Banned.Contains(actor.UserId)) throw Banned();
    }

    /// <summary>Staff may act on viewers; only the creator may act on a moderator; nobody on the creator or themselves.</summary>
    private string RequireCanModerate(Actor actor, string userId)
    {
        RequireStaff(actor);
        var target = ValidUserId(userId);
        if (target == State.CreatorId) throw new LiveInteractException(ErrorCodes.Forbidden, "the room's creator cannot be moderated");
        if (target == actor.UserId) throw new LiveInteractException(ErrorCodes.BadRequest, "you cannot moderate yourself");
        if (Mod.Moderators.Contains(target) && actor.UserId != State.CreatorId)
            throw new LiveInteractException(ErrorCodes.Forbidden, "only the room's creator can moderate a moderator");
        return target;
    }

    private static string ValidUserId(string? userId) =>
        userId is not null && UserIdPattern().IsMatch(userId)
            ? userId
            : throw new LiveInteractException(ErrorCodes.BadRequest, "unknown user id");

    private static LiveInteractException Banned() => new(ErrorCodes.Forbidden, "you are banned from this room");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^c([0-9]{1,18})$")]
    private static partial Regex CommentIdPattern();
}
