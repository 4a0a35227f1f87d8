namespace LiveInteract.Contracts.Insights;

/// <summary>
/// An at-risk signal (<c>GET /api/service/risk</c>, webhook <c>risk.flagged</c>): which signal, a sentence a person can
/// read, the accounts involved and the evidence (ids, amounts, times). A flag is a lead for a reviewer, not a verdict
/// (docs/INSIGHTS.md, "Risk signals").
/// </summary>
[GenerateSerializer, Immutable, Alias("li.RiskFlag")]
public sealed record RiskFlag(
    [property: Id(0)] string Id,
    [property: Id(1)] string Signal,
    [property: Id(2)] string Reason,
    [property: Id(3)] long At,
    [property: Id(4)] string? RoomId,
    [property: Id(5)] IReadOnlyList<string> UserIds,
    [property: Id(6)] IReadOnlyList<RiskEvidence> Evidence);

/// <summary>One observation behind a flag: who, what (a comment id, a gift), when, and the text or coins.</summary>
[GenerateSerializer, Immutable, Alias("li.RiskEvidence")]
public sealed record RiskEvidence(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Ref,
    [property: Id(2)] long At,
    [property: Id(3)] string? Text = null,
    [property: Id(4)] long? Coins = null);

/// <summary>Flags raised at or after <c>since</c>, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("li.RiskPage")]
public sealed record RiskPage([property: Id(0)] IReadOnlyList<RiskFlag> Flags);

/// <summary>The signal names.</summary>
public static class RiskSignals
{
    public const string SpamBurst = "spam_burst";
    public const string FreshAccountGifting = "fresh_account_gifting";
    public const string GiftRing = "gift_ring";
    public const string BanEvasion = "ban_evasion";
    public const string CreatorSelfGifting = "creator_self_gifting";
}
