using LiveInteract.Contracts.Effects;
using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Filters;

namespace LiveInteract.Media.Effects;

/// <summary>
/// The filter of a gift effect: a <c>sticker</c>, a <c>look</c> or an <c>overlay</c>, validated by the ordinary filter
/// parser. An overlay's text is a template: <c>{sender}</c> and <c>{gift}</c> are filled in when a gift triggers it (an
/// overlay without text says "{sender} sent {gift}"), so the caption names who sent it.
/// </summary>
public static class GiftEffectFilter
{
    /// <summary>An overlay's text when the mapping gives none.</summary>
    public const string DefaultOverlayText = GiftEffectLimits.SenderPlaceholder + " sent " + GiftEffectLimits.GiftPlaceholder;

    // Long enough for a name, short enough that "{sender} sent {gift}" fits the overlay's 64 drawable characters.
    private const int MaxSenderLength = 24;

    /// <summary>Longest overlay template stored (placeholders included).</summary>
    public const int MaxTemplateLength = 96;

    /// <summary>
    /// Validates <paramref name="spec"/> as a gift effect and returns it canonical (the parser's option names and
    /// values, an overlay's template kept). Throws <see cref="InvalidFilterException"/> with a message for the creator.
    /// </summary>
    public static FilterSpec Validate(FilterSpec? spec)
    {
        var kind = spec?.Kind?.Trim().ToLowerInvariant();
        if (spec is null || kind is null || !GiftEffectLimits.Kinds.Contains(kind))
        {
            throw new InvalidFilterException(0, spec?.Kind, null,
                $"a gift effect's filter must be one of {string.Join(", ", GiftEffectLimits.Kinds)}");
        }

        var template = kind == FilterKinds.Overlay ? Template(spec) : null;
        if (template is { Length: > MaxTemplateLength })
        {
            throw new InvalidFilterException(0, kind, "text", $"a gift effect's overlay text is longer than {MaxTemplateLength} characters");
        }

        // A long sample name checks that real names fit too (they are shortened to this length).
        FilterChain chain;
        try
        {
            chain = FilterChain.Parse([Fill(spec with { Kind = kind }, template, new string('W', MaxSenderLength), "Galaxy")]);
        }
        catch (InvalidFilterException ex)
        {
            // "Filter 1 (sticker): option ..." names a chain position the creator never saw; say "sticker option ..." instead.
            throw new InvalidFilterException(0, kind, ex.Option, ex.Message.Replace($"Filter 1 ({kind}): ", $"{kind} ", StringComparison.Ordinal));
        }

        var canonical = chain.Specs[0];
        if (template is null) return canonical;
        var options = new Dictionary<string, string>(canonical.Options ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["text"] = template,
        };
        return canonical with { Options = options };
    }

    /// <summary>
    /// The chain a trigger draws: <paramref name="spec"/> (validated when the mapping was set) with an overlay's
    /// template filled in. Returns null if it cannot be drawn (a mapping stored by an older, laxer server).
    /// </summary>
    public static FilterChain? Build(FilterSpec spec, string? sender, string? gift)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = (sender ?? "").Trim();
        if (name.Length > MaxSenderLength) name = name[..MaxSenderLength];
        try
        {
            var kind = spec.Kind?.Trim().ToLowerInvariant() ?? "";
            var template = kind == FilterKinds.Overlay ? Template(spec) : null;
            return FilterChain.Parse([Fill(spec, template, name, gift ?? "")]);
        }
        catch (InvalidFilterException)
        {
            return null;
        }
    }

    private static string Template(FilterSpec spec) =>
        spec.Options is { } o && o.TryGetValue("text", out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : DefaultOverlayText;

    private static FilterSpec Fill(FilterSpec spec, string? template, string sender, string gift)
    {
        if (template is null) return spec;
        var text = template
            .Replace(GiftEffectLimits.SenderPlaceholder, sender, StringComparison.OrdinalIgnoreCase)
            .Replace(GiftEffectLimits.GiftPlaceholder, gift, StringComparison.OrdinalIgnoreCase);
        var (drawable, _) = OverlayText.Sanitize(text);
        // A name full of characters the font cannot draw would leave nothing: name the gift alone then.
        if (drawable.Length == 0) text = gift;
        if (drawable.Length > OverlayText.MaxLength) text = drawable[..OverlayText.MaxLength];
        var options = new Dictionary<string, string>(spec.Options ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["text"] = text,
        };
        return spec with { Options = options };
    }
}
