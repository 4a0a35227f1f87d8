namespace LiveInteract.Contracts.Effects;

/// <summary>The bounds of a gift-effect mapping, the same for the hub, the room and the clients.</summary>
public static class GiftEffectLimits
{
    /// <summary>Most mappings a room holds (one per gift id).</summary>
    public const int MaxMappings = 10;

    public const int MinSeconds = 1;

    public const int MaxSeconds = 30;

    /// <summary>The filter kinds an effect may use: a face sticker, a colour look, a caption.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["sticker", "look", "overlay"];

    /// <summary>Replaced in an overlay's text by the sender's display name.</summary>
    public const string SenderPlaceholder = "{sender}";

    /// <summary>Replaced in an overlay's text by the gift's name.</summary>
    public const string GiftPlaceholder = "{gift}";
}
