using LiveInteract.Media.Filters;

namespace LiveInteract.Media.Effects;

/// <summary>The effect on screen: what it draws, whose gift it was, how many merged triggers it stands for, and when it ends.</summary>
public sealed record PlayingEffect(string ComboId, string GiftId, string Sender, FilterChain Chain, int Triggers,
    DateTimeOffset StartedAt, DateTimeOffset EndsAt);
