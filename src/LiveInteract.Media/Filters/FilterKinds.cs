namespace LiveInteract.Media.Filters;

/// <summary>The filter kinds a <c>FilterSpec.Kind</c> may name.</summary>
public static class FilterKinds
{
    public const string Sticker = "sticker";
    public const string Beauty = "beauty";
    public const string Look = "look";
    public const string Pixelate = "pixelate";
    public const string Blur = "blur";
    public const string Overlay = "overlay";

    /// <summary>All kinds, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Sticker, Beauty, Look, Pixelate, Blur, Overlay];
}
