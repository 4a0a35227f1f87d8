using LiveInteract.Contracts.Rooms;
using LiveInteract.Media.Faces;
using OpenCvSharp;

namespace LiveInteract.Media.Filters;

/// <summary>
/// A validated, immutable list of filters applied in order. Build one with <see cref="Parse"/> (which is where
/// all validation happens) and hand it to a pipeline; swapping chains is a reference assignment.
/// </summary>
public sealed class FilterChain
{
    /// <summary>Longest accepted chain; each filter costs CPU on every frame, so the list is capped.</summary>
    public const int MaxFilters = 8;

    private FilterChain(IReadOnlyList<FilterSpec> specs, IReadOnlyList<IFrameFilter> filters)
    {
        Specs = specs;
        Filters = filters;
        NeedsFaces = filters.Any(f => f.NeedsFaces);
    }

    /// <summary>The chain with no filters: frames pass through unchanged.</summary>
    public static FilterChain Empty { get; } = new([], []);

    /// <summary>
    /// The specs this chain was parsed from, canonical: kind lower-case, only the options the filters read, under
    /// their own names, values trimmed. Bounded by <see cref="MaxFilters"/> and each option's length limit.
    /// </summary>
    public IReadOnlyList<FilterSpec> Specs { get; }

    /// <summary>Number of filters.</summary>
    public int Count => Filters.Count;

    /// <summary>True when some filter uses face boxes (the pipeline skips face tracking otherwise).</summary>
    public bool NeedsFaces { get; }

    internal IReadOnlyList<IFrameFilter> Filters { get; }

    /// <summary>
    /// Validates <paramref name="specs"/> and builds the chain. Throws <see cref="InvalidFilterException"/> with a
    /// message naming the filter and option at fault; null or empty gives <see cref="Empty"/>.
    /// </summary>
    public static FilterChain Parse(IReadOnlyList<FilterSpec>? specs)
    {
        if (specs is null || specs.Count == 0)
        {
            return Empty;
        }

        if (specs.Count > MaxFilters)
        {
            throw new InvalidFilterException(-1, null, null, $"At most {MaxFilters} filters can be active at once (got {specs.Count}).");
        }

        var filters = new List<IFrameFilter>(specs.Count);
        var normalised = new List<FilterSpec>(specs.Count);
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i] ?? throw new InvalidFilterException(i, null, null, $"Filter {i + 1} is missing.");
            var kind = (spec.Kind ?? string.Empty).Trim().ToLowerInvariant();
            var options = new OptionReader(i, kind, spec.Options);
            IFrameFilter filter = kind switch
            {
                FilterKinds.Sticker => StickerFilter.Parse(options),
                FilterKinds.Beauty => BeautyFilter.Parse(options),
                FilterKinds.Look => LookFilter.Parse(options),
                FilterKinds.Pixelate => PixelateFilter.Parse(options),
                FilterKinds.Blur => BlurFilter.Parse(options),
                FilterKinds.Overlay => OverlayFilter.Parse(options),
                _ => throw new InvalidFilterException(
                    i,
                    spec.Kind,
                    null,
                    $"Filter {i + 1}: unknown kind '{spec.Kind}' (known: {string.Join(", ", FilterKinds.All)})."),
            };
            options.EnsureAllUsed();
            filters.Add(filter);
            normalised.Add(new FilterSpec(kind, options.Canonical.Count == 0 ? null : new Dictionary<string, string>(options.Canonical)));
        }

        return new FilterChain(normalised, filters);
    }

    /// <summary>
    /// Applies every filter in order to <paramref name="bgr"/> (8-bit BGR) in place. A stream passes its
    /// <paramref name="stream"/> state so that work a still face does not need redone (a sticker's warp) is kept.
    /// </summary>
    public void Apply(Mat bgr, IReadOnlyList<TrackedFace> faces, FilterStreamState? stream = null)
    {
        foreach (var filter in Filters)
        {
            filter.Apply(bgr, faces, stream);
        }
    }
}
