namespace LiveInteract.LoadTests.Running;

/// <summary>
/// What the run's bookkeeping needs from a simulated viewer, whichever way it is built: a full SDK
/// <see cref="SimulatedViewer"/> or a <see cref="Lean.LeanViewer"/> speaking the hub protocol on a bare socket.
/// </summary>
internal interface IViewer : IAsyncDisposable
{
    int Index { get; }
    string RoomId { get; }
    int Room { get; }
    /// <summary>Stopwatch ticks when JoinRoom returned; 0 while not joined.</summary>
    long JoinedAt { get; }
    /// <summary>Stopwatch ticks when the viewer left (churn); long.MaxValue while it stays.</summary>
    long LeftAt { get; }
    long Duplicates { get; }
    long LastLikes { get; }
    bool HasReceived(int number);
    Task Leave();
}
