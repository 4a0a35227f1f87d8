namespace LiveInteract.Contracts.Rooms;

/// <summary>
/// One AR filter in a room's chain, e.g. <c>{ "kind": "sticker", "options": { "asset": "glasses" } }</c>.
/// Filters apply in list order. The media pipeline validates kinds and options.
/// </summary>
[GenerateSerializer, Immutable, Alias("li.FilterSpec")]
public sealed record FilterSpec(
    [property: Id(0)] string Kind,
    [property: Id(1)] IReadOnlyDictionary<string, string>? Options = null);
