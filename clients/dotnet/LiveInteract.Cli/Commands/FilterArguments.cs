using LiveInteract.Contracts.Rooms;

namespace LiveInteract.Cli.Commands;

/// <summary>
/// Parses <c>--filters</c>: filters separated by <c>;</c>, each <c>kind</c> or <c>kind:key=value,key=value</c>,
/// e.g. <c>"beauty;sticker:asset=glasses"</c>. The server validates kinds and options.
/// </summary>
internal static class FilterArguments
{
    public static List<FilterSpec> Parse(IEnumerable<string> values)
    {
        List<FilterSpec> filters = [];
        foreach (var item in values.SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var colon = item.IndexOf(':');
            var kind = (colon < 0 ? item : item[..colon]).Trim();
            if (kind.Length == 0) throw new ArgumentException($"filter '{item}' has no kind");
            Dictionary<string, string>? options = null;
            if (colon >= 0)
            {
                options = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in item[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"filter option '{pair}' in '{item}' is not key=value");
                    if (!options.TryAdd(pair[..eq].Trim(), pair[(eq + 1)..].Trim()))
                        throw new ArgumentException($"filter option '{pair[..eq]}' is given twice in '{item}'");
                }
            }
            filters.Add(new FilterSpec(kind, options));
        }
        return filters;
    }
}
