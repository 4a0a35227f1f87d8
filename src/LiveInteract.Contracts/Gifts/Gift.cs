using System.Text.Json.Serialization;

namespace LiveInteract.Contracts.Gifts;

/// <summary>One entry of the gift catalog (<c>GET /api/gifts</c>). <see cref="Coins"/> is the price of one.</summary>
[GenerateSerializer, Immutable, Alias("li.Gift")]
public sealed record Gift(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] long Coins,
    [property: Id(3)] GiftTier Tier);

/// <summary>How big an animation a client plays for a gift.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GiftTier>))]
public enum GiftTier
{
    [JsonStringEnumMemberName("small")] Small = 0,
    [JsonStringEnumMemberName("medium")] Medium = 1,
    [JsonStringEnumMemberName("large")] Large = 2,
    [JsonStringEnumMemberName("epic")] Epic = 3,
}
