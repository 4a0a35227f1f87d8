namespace LiveInteract.Grains.Storage;

/// <summary>
/// One persisted state of a grain, written only when it changed: code that changes <see cref="State"/> calls
/// <see cref="StoredConcern.MarkChanged"/>, and the grain's storage step writes the changed ones together
/// (<see cref="StoredConcern.TakeChanged"/>).
/// </summary>
public sealed class StoredConcern<T>(IPersistentState<T> storage) : StoredConcern
{
    public T State => storage.State;

    public bool RecordExists => storage.RecordExists;

    public override Task Write() => storage.WriteStateAsync();
}

/// <summary>The changed flag of a <see cref="StoredConcern{T}"/>. Not thread-safe: made for a grain's scheduler.</summary>
public abstract class StoredConcern
{
    public bool Changed { get; private set; }

    public void MarkChanged() => Changed = true;

    public abstract Task Write();

    /// <summary>
    /// The changed concerns, in the given order, with their flags cleared: a change made while their write runs marks
    /// its concern again for the next write. When the write fails, <see cref="Restore"/> puts the flags back so the
    /// next write retries it.
    /// </summary>
    public static StoredConcern[] TakeChanged(StoredConcern[] concerns)
    {
        var changed = Array.FindAll(concerns, c => c.Changed);
        foreach (var concern in changed) concern.Changed = false;
        return changed;
    }

    public static void Restore(StoredConcern[] taken)
    {
        foreach (var concern in taken) concern.MarkChanged();
    }
}
