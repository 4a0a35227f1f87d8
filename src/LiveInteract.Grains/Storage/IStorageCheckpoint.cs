namespace LiveInteract.Grains.Storage;

/// <summary>
/// After an erase: makes the storage drop superseded copies of what was rewritten (SQLite: a WAL checkpoint; Redis
/// overwrites values in place, so nothing to do). Registered by the storage the host picked; none means nothing to do.
/// </summary>
public interface IStorageCheckpoint
{
    Task Checkpoint();
}

public sealed class SqliteStorageCheckpoint(SqliteDatabase database) : IStorageCheckpoint
{
    public Task Checkpoint() => database.Checkpoint();
}

/// <summary>Storage that keeps no superseded copies (Redis, memory).</summary>
public sealed class NoStorageCheckpoint : IStorageCheckpoint
{
    public Task Checkpoint() => Task.CompletedTask;
}
