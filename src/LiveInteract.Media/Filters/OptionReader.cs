using System.Globalization;

namespace LiveInteract.Media.Filters;

/// <summary>
/// Reads one filter's options with validation. Keys are case-insensitive; any key the filter did not
/// ask for is an error (<see cref="EnsureAllUsed"/>), so a typo never silently falls back to a default.
/// </summary>
internal sealed class OptionReader
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly int _index;
    private readonly string _kind;

    public OptionReader(int index, string kind, IReadOnlyDictionary<string, string>? options)
    {
        _index = index;
        _kind = kind;
        _options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in options ?? new Dictionary<string, string>())
        {
            if (!_options.TryAdd(key.Trim(), value ?? string.Empty))
            {
                throw Error(key, $"option '{key}' is given twice");
            }
        }
    }

    /// <summary>
    /// The options as the filter read them: its own option names (not the caller's spelling, case or padding) and
    /// trimmed values, each already checked against its length limit. This is what a room stores and replays.
    /// </summary>
    public IReadOnlyDictionary<string, string> Canonical => _canonical;

    public string? OptionalString(string name, int maxLength)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.Length > maxLength) throw Error(name, $"option '{name}' is longer than {maxLength} characters");
        _canonical[name] = value.Trim();
        return value;
    }

    public string Choice(string name, string defaultValue, IReadOnlyList<string> allowed)
    {
        var raw = OptionalString(name, 64);
        if (raw is null)
        {
            return defaultValue;
        }

        var value = raw.Trim().ToLowerInvariant();
        return allowed.Contains(value)
            ? value
            : throw Error(name, $"option '{name}' must be one of {string.Join(", ", allowed)} (got '{raw}')");
    }

    public double Number(string name, double defaultValue, double min, double max)
    {
        var raw = OptionalString(name, 32);
        if (raw is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || double.IsInfinity(value))
        {
            throw Error(name, $"option '{name}' must be a number (got '{raw}')");
        }

        return value < min || value > max
            ? throw Error(name, string.Create(CultureInfo.InvariantCulture, $"option '{name}' must be between {min} and {max} (got {value})"))
            : value;
    }

    public int Integer(string name, int defaultValue, int min, int max)
    {
        var value = Number(name, defaultValue, min, max);
        return value == Math.Floor(value)
            ? (int)value
            : throw Error(name, $"option '{name}' must be a whole number");
    }

    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.FirstOrDefault(k => !_used.Contains(k));
        if (unknown is not null)
        {
            var known = _used.Count == 0 ? "none" : string.Join(", ", _used.Order(StringComparer.Ordinal));
            throw Error(unknown, $"unknown option '{unknown}' (known: {known})");
        }
    }

    public InvalidFilterException Error(string? option, string detail) =>
        new(_index, _kind, option, $"Filter {_index + 1} ({_kind}): {detail}.");
}
