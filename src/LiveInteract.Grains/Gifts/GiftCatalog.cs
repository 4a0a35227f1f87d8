using LiveInteract.Contracts.Errors;
using LiveInteract.Contracts.Gifts;
using Microsoft.Extensions.Options;

namespace LiveInteract.Grains.Gifts;

/// <summary>The configured gifts, cheapest first, looked up by id.</summary>
public sealed class GiftCatalog(IOptions<GiftOptions> options)
{
    private readonly Dictionary<string, Gift> _byId = options.Value.Catalog.ToDictionary(g => g.Id, StringComparer.Ordinal);

    public IReadOnlyList<Gift> All { get; } = [.. options.Value.Catalog.OrderBy(g => g.Coins).ThenBy(g => g.Id, StringComparer.Ordinal)];

    public Gift Require(string? giftId) =>
        giftId is not null && _byId.TryGetValue(giftId, out var gift)
            ? gift
            : throw new LiveInteractException(GiftErrorCodes.UnknownGift, "unknown gift");
}
