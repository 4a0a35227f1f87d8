namespace LiveInteract.Testing;

/// <summary>
/// Keeps everything a client received, in arrival order (duplicates kept), and waits on it. The base of
/// <see cref="HubRecorder"/> (a raw SignalR client) and <see cref="UpdateRecorder"/> (the SDK's update stream).
/// </summary>
public class Recorder<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> All
    {
        get { lock (_items) return [.. _items]; }
    }

    public int Count
    {
        get { lock (_items) return _items.Count; }
    }

    public void Add(T item)
    {
        lock (_items) _items.Add(item);
    }

    public void AddRange(IEnumerable<T> items)
    {
        lock (_items) _items.AddRange(items);
    }

    /// <summary>Waits until <paramref name="condition"/> holds over everything received so far.</summary>
    public Task Until(Func<IReadOnlyList<T>, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.Until(() => condition(All), what, timeout, Describe);

    /// <summary>Waits until an item of type <typeparamref name="TItem"/> (matching <paramref name="match"/>) arrived and returns the first.</summary>
    public async Task<TItem> UntilA<TItem>(Func<TItem, bool>? match = null, string? what = null, TimeSpan? timeout = null) where TItem : T
    {
        TItem? found = default;
        await Eventually.Until(() =>
        {
            foreach (var item in All.OfType<TItem>())
                if (match is null || match(item)) { found = item; return true; }
            return false;
        }, what ?? $"a {typeof(TItem).Name}", timeout, Describe);
        return found!;
    }

    /// <summary>The last items received, for failure messages.</summary>
    public string Describe() => $"received ({Count}): " + string.Join(" | ", All.TakeLast(15));
}
