using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Grains.Rooms.Effects;

/// <summary>
/// The rules of a gift-effect mapping the room can check itself: how many lines, which gifts, which filter kinds, how
/// long. The filter's options are validated by the media pipeline's parser in the hub (grains do not reference the
/// pipeline), as for <c>SetFilters</c>. Each refusal has a stable code and message.
/// </summary>
public static class GiftEffectMapping
{
    /// <summary>Returns the mapping to store (gift ids trimmed, kinds lower-case) or throws <see cref="LiveInteractException"/>.</summary>
    public static List<GiftEffect> Validate(IReadOnlyList<GiftEffect>? effects, Func<string, Gift?> findGift)
    {
        if (effects is null) throw new LiveInteractException(ErrorCodes.BadRequest, "effects are required (an empty list clears them)");
        if (effects.Count > GiftEffectLimits.MaxMappings)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"at most {GiftEffectLimits.MaxMappings} gift effects (got {effects.Count})");
        var result = new List<GiftEffect>(effects.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < effects.Count; i++)
        {
            var effect = effects[i] ?? throw new LiveInteractException(ErrorCodes.BadRequest, $"gift effect {i + 1} is missing");
            var giftId = effect.GiftId?.Trim();
            if (string.IsNullOrEmpty(giftId) || findGift(giftId) is null)
                throw new LiveInteractException(GiftErrorCodes.UnknownGift, $"gift effect {i + 1}: unknown gift '{Shorten(effect.GiftId)}'");
            if (!seen.Add(giftId))
                throw new LiveInteractException(ErrorCodes.BadRequest, $"gift effect {i + 1}: gift '{giftId}' is mapped twice");
            if (effect.Seconds is < GiftEffectLimits.MinSeconds or > GiftEffectLimits.MaxSeconds)
                throw new LiveInteractException(ErrorCodes.BadRequest,
                    $"gift effect {i + 1}: seconds must be from {GiftEffectLimits.MinSeconds} to {GiftEffectLimits.MaxSeconds}");
            var kind = effect.Filter?.Kind?.Trim().ToLowerInvariant();
            if (kind is null || !GiftEffectLimits.Kinds.Contains(kind))
                throw new LiveInteractException(ErrorCodes.BadRequest,
                    $"gift effect {i + 1}: filter must be one of {string.Join(", ", GiftEffectLimits.Kinds)}");
            result.Add(new GiftEffect(giftId, effect.Filter! with { Kind = kind }, effect.Seconds));
        }
        return result;
    }

    /// <summary>True when two mappings hold the same lines in the same order (then nothing is written).</summary>
    public static bool SameAs(IReadOnlyList<GiftEffect> a, IReadOnlyList<GiftEffect> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].GiftId != b[i].GiftId || a[i].Seconds != b[i].Seconds || !SameFilter(a[i].Filter, b[i].Filter)) return false;
        }
        return true;
    }

    private static bool SameFilter(FilterSpec a, FilterSpec b)
    {
        if (a.Kind != b.Kind) return false;
        var ao = a.Options ?? new Dictionary<string, string>();
        var bo = b.Options ?? new Dictionary<string, string>();
        return ao.Count == bo.Count && ao.All(kv => bo.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static string Shorten(string? id) => id is null ? "" : id.Length <= 40 ? id : id[..40] + "...";
}
