namespace LiveInteract.Media.Pipeline;

/// <summary>
/// Holds the latest encoded frame and wakes everyone waiting for a newer one. Each waiter gets the newest
/// frame at the moment it asks, so a slow MJPEG viewer skips frames instead of queueing them.
/// </summary>
internal sealed class FramePublisher
{
    private readonly Lock _gate = new();
    private EncodedFrame? _latest;
    private TaskCompletionSource<EncodedFrame?> _next = NewSignal();
    private bool _completed;

    public EncodedFrame? Latest => Volatile.Read(ref _latest);

    public void Publish(EncodedFrame frame)
    {
        TaskCompletionSource<EncodedFrame?> signal;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            Volatile.Write(ref _latest, frame);
            signal = _next;
            _next = NewSignal();
        }

        signal.TrySetResult(frame);
    }

    /// <summary>Ends the stream: current and future waiters get null.</summary>
    public void Complete()
    {
        TaskCompletionSource<EncodedFrame?> signal;
        lock (_gate)
        {
            _completed = true;
            signal = _next;
        }

        signal.TrySetResult(null);
    }

    public async ValueTask<EncodedFrame?> NextAsync(long afterSequence, CancellationToken cancellationToken)
    {
        Task<EncodedFrame?> wait;
        lock (_gate)
        {
            if (_latest is { } latest && latest.Sequence > afterSequence)
            {
                return latest;
            }

            if (_completed)
            {
                return null;
            }

            wait = _next.Task;
        }

        return await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Continuations run on the thread pool, never inline on the pipeline thread that publishes.
    private static TaskCompletionSource<EncodedFrame?> NewSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
