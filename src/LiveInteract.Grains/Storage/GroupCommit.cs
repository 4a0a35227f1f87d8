using Orleans.Storage;

namespace LiveInteract.Grains.Storage;

/// <summary>
/// Group commit for a grain whose state changes faster than storage can write it one change at a time: a change is
/// made in memory, then its caller awaits <see cref="Join"/> (or <see cref="Commit"/>), and one write stores every
/// change made before it started. Changes made while a write runs share the next one. A caller is acknowledged only
/// after the write that holds its change succeeded, so "acknowledged" still means "stored".
/// A failed write keeps the changes in memory and is retried after <c>retryDelay</c> (its waiters wait on, bounded by
/// their own timeouts); a stale ETag (another activation wrote) fails every waiter for good: the grain must deactivate.
/// Not thread-safe: made for a grain's single-threaded scheduler.
/// </summary>
public sealed class GroupCommit(Func<Task> write, TimeSpan retryDelay, TimeProvider time, Action<Exception>? onStale = null)
{
    private TaskCompletionSource? _next;
    private TaskCompletionSource? _writing;
    private Exception? _stale;
    private bool _running;

    /// <summary>True while a write runs or waits to run.</summary>
    public bool Busy => _running;

    /// <summary>True when someone waits for a write that has not started.</summary>
    public bool HasWaiters => _next is not null;

    /// <summary>Completes when every change made before this call is stored; starts a write if none runs.</summary>
    public Task Commit()
    {
        var task = Join();
        if (!_running && _stale is null) _ = Pump();
        return task;
    }

    /// <summary>Completes with the next write; does not start one (a grain timer batching a busy room does).</summary>
    public Task Join()
    {
        if (_stale is not null) return Task.FromException(_stale);
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _next.Task;
    }

    /// <summary>Completes when every change made so far is stored, without asking for a write if none is pending.</summary>
    public Task Durable() => _next?.Task ?? _writing?.Task ?? Task.CompletedTask;

    private async Task Pump()
    {
        _running = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                _writing = batch;
                try
                {
                    await write();
                    _writing = null;
                    batch.TrySetResult();
                }
                catch (InconsistentStateException ex)
                {
                    _writing = null;
                    _stale = ex;
                    batch.TrySetException(ex);
                    _next?.TrySetException(ex);
                    _next = null;
                    onStale?.Invoke(ex);
                    return;
                }
                catch (Exception)
                {
                    // The changes are still in memory: the next write stores them with whatever came since.
                    _writing = null;
                    if (_next is { } later) _ = CompleteWith(batch, later.Task);
                    else _next = batch;
                    await Task.Delay(retryDelay, time);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    private static async Task CompleteWith(TaskCompletionSource waiter, Task write)
    {
        try
        {
            await write;
            waiter.TrySetResult();
        }
        catch (Exception ex)
        {
            waiter.TrySetException(ex);
        }
    }
}
