using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Insights;
using LiveInteract.Contracts.Interactive;
using LiveInteract.Contracts.Moderation;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Contracts.Privacy;

/// <summary>
/// Everything stored about one user (<c>GET /api/service/users/{userId}/export</c>, docs/PRIVACY.md): wallet and ledger,
/// earnings as a creator, what each room holds about them (their events, moderation entries, held comments, questions,
/// votes, board line), per-live insights, ranking lines, risk flags naming them and their token cut-off.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.UserDataExport")]
public sealed record UserDataExport(
    [property: Id(0)] string UserId,
    [property: Id(1)] long ExportedAt,
    [property: Id(2)] WalletView Wallet,
    [property: Id(3)] IReadOnlyList<LedgerEntry> Ledger,
    [property: Id(4)] CreatorEarnings Earnings,
    [property: Id(5)] IReadOnlyList<RoomUserData> Rooms,
    [property: Id(6)] IReadOnlyList<LiveUserData> Insights,
    [property: Id(7)] IReadOnlyList<RankingUserLine> Rankings,
    [property: Id(8)] IReadOnlyList<RiskFlag> RiskFlags,
    [property: Id(9)] TokenState Tokens,
    [property: Id(10)] IReadOnlyList<string> KnownViewerOf);

/// <summary>What one room stores about the user: the events they wrote or were the target of, and its moderation state about them.</summary>
[GenerateSerializer, Immutable, Alias("li.RoomUserData")]
public sealed record RoomUserData(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string Title,
    [property: Id(2)] bool IsCreator,
    [property: Id(3)] IReadOnlyList<RoomEvent> Events,
    [property: Id(4)] IReadOnlyList<ModerationRecord> Audit,
    [property: Id(5)] bool Moderator,
    [property: Id(6)] bool Banned,
    [property: Id(7)] long? MutedUntil,
    [property: Id(8)] IReadOnlyList<HeldComment> HeldComments,
    [property: Id(9)] IReadOnlyList<QuestionView> Questions,
    [property: Id(10)] IReadOnlyList<PollVote> Votes,
    [property: Id(11)] TopGifter? BoardLine);

/// <summary>The user's choice in one open poll (votes of closed polls are not kept).</summary>
[GenerateSerializer, Immutable, Alias("li.PollVote")]
public sealed record PollVote([property: Id(0)] string PollId, [property: Id(1)] int Option);

/// <summary>
/// The user as one live's viewer, gifter and asker (<c>GET /api/rooms/{roomId}/insights</c> counts them): the
/// answered questions they asked whose text the live's insights keep.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.LiveUserData")]
public sealed record LiveUserData(
    [property: Id(0)] string RoomId,
    [property: Id(1)] long? FirstSeenAt,
    [property: Id(2)] long WatchMs,
    [property: Id(3)] bool? Returning,
    [property: Id(4)] GifterTotal? Gifts,
    [property: Id(5)] IReadOnlyList<AnsweredQuestion> AnsweredQuestions);

/// <summary>The user's line in one ranking window's board.</summary>
[GenerateSerializer, Immutable, Alias("li.RankingUserLine")]
public sealed record RankingUserLine(
    [property: Id(0)] string Window,
    [property: Id(1)] string Board,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] long Coins);

/// <summary>Tokens issued at or before <see cref="NotBefore"/> (unix seconds) are refused; 0 = never revoked.</summary>
[GenerateSerializer, Immutable, Alias("li.TokenState")]
public sealed record TokenState([property: Id(0)] long NotBefore);

/// <summary>
/// What <c>POST /api/service/users/{userId}/erase</c> changed: how many rooms, room events, live insights, ranking
/// windows and risk flags it rewrote, and the tokens it revoked. Money totals stay (anonymised), so ledgers balance.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.UserEraseResult")]
public sealed record UserEraseResult(
    [property: Id(0)] string UserId,
    [property: Id(1)] long ErasedAt,
    [property: Id(2)] int Rooms,
    [property: Id(3)] int RoomEvents,
    [property: Id(4)] int Lives,
    [property: Id(5)] int RankingWindows,
    [property: Id(6)] int RiskFlags,
    [property: Id(7)] long TokensNotBefore);
