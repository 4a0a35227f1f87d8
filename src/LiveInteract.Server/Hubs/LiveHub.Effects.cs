using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Hub;
using LiveInteract.Media.Effects;
using LiveInteract.Media.Filters;
using LiveInteract.Server.Auth;
using LiveInteract.Server.Rooms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveInteract.Server.Hubs;

/// <summary>
/// Gift-triggered face effects (docs/PROTOCOL.md "Gift effects"). The hub validates each filter with the media
/// pipeline's parser (grains do not reference it) and passes the canonical mapping; the room checks the creator, the
/// gifts, the bounds and the seconds, stores it and announces it.
/// </summary>
public sealed partial class LiveHub
{
    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.SetGiftEffects)]
    public async Task SetGiftEffects(string roomId, IReadOnlyList<GiftEffect> effects)
    {
        RoomIds.Validate(roomId);
        if (effects is null) throw new LiveInteractException(ErrorCodes.BadRequest, "effects are required (an empty list clears them)");
        if (effects.Count > GiftEffectLimits.MaxMappings)
            throw new LiveInteractException(ErrorCodes.BadRequest, $"at most {GiftEffectLimits.MaxMappings} gift effects (got {effects.Count})");
        var canonical = new List<GiftEffect>(effects.Count);
        for (var i = 0; i < effects.Count; i++)
        {
            var effect = effects[i] ?? throw new LiveInteractException(ErrorCodes.BadRequest, $"gift effect {i + 1} is missing");
            FilterSpecOrThrow(effect, out var filter, i);
            canonical.Add(effect with { Filter = filter });
        }
        await Room(roomId).SetGiftEffects(Context.User.ToActor(), canonical);
    }

    /// <summary>The studio's "preview": plays one effect on the creator's video now, without a gift (viewers see it too, marked preview).</summary>
    [Authorize(Policy = LiveClaims.MemberPolicy)]
    [HubMethodName(HubMethods.PreviewGiftEffect)]
    public async Task PreviewGiftEffect(string roomId, GiftEffect effect)
    {
        RoomIds.Validate(roomId);
        if (effect is null) throw new LiveInteractException(ErrorCodes.BadRequest, "effect is required");
        FilterSpecOrThrow(effect, out var filter);
        await Room(roomId).PreviewGiftEffect(Context.User.ToActor(), effect with { Filter = filter });
    }

    private static void FilterSpecOrThrow(GiftEffect effect, out LiveInteract.Contracts.Rooms.FilterSpec filter, int index = 0)
    {
        try { filter = GiftEffectFilter.Validate(effect.Filter); }
        catch (InvalidFilterException ex)
        {
            throw new LiveInteractException(ErrorCodes.BadRequest, $"gift effect {index + 1}: {ex.Message}");
        }
    }
}
