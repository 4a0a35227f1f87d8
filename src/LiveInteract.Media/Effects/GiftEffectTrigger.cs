using LiveInteract.Media.Filters;

namespace LiveInteract.Media.Effects;

/// <summary>
/// One mapped gift's request to show <see cref="Chain"/> for <see cref="Seconds"/>. Triggers with the same
/// <see cref="ComboId"/> (the same sender repeating the same gift inside the combo window) merge into one showing.
/// </summary>
public sealed record GiftEffectTrigger(string ComboId, string GiftId, string Sender, int Seconds, FilterChain Chain);
