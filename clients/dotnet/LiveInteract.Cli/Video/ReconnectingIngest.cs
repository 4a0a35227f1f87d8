namespace LiveInteract.Cli.Video;

/// <summary>
/// The host's ingest, opened again when the connection drops without the server ending it (the server restarted,
/// or the proxy sends the room to another silo after one died): the frame that found it closed waits while it
/// reconnects with back-off, for up to <see cref="GiveUpAfter"/>. A close by the server (room ended, not the creator,
/// bad frames) ends the stream with the server's reason, as before.
/// </summary>
internal sealed class ReconnectingIngest(Uri address, Action<string> onLost, Action onResumed) : IAsyncDisposable
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    private IngestConnection _current = new();

    public int Reconnects { get; private set; }

    public Task ConnectAsync(CancellationToken ct) => _current.ConnectAsync(address, ct);

    /// <param name="ct">Cancels the send (and aborts the socket): Ctrl+C.</param>
    /// <param name="stopReconnecting">Ends a reconnect in progress without touching an open socket: --duration.</param>
    public async Task SendFrameAsync(ReadOnlyMemory<byte> jpeg, CancellationToken ct, CancellationToken stopReconnecting)
    {
        try
        {
            await _current.SendFrameAsync(jpeg, ct);
            return;
        }
        catch (Exception e) when (e is IOException or System.Net.WebSockets.WebSocketException && !ct.IsCancellationRequested && !_current.ClosedByServer)
        {
            onLost(e.Message);
        }
        await Reopen(ct, stopReconnecting);
        Reconnects++;
        onResumed();
        await _current.SendFrameAsync(jpeg, ct);
    }

    private async Task Reopen(CancellationToken ct, CancellationToken stopReconnecting)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, stopReconnecting);
        var deadline = DateTime.UtcNow + GiveUpAfter;
        for (var attempt = 0; ; attempt++)
        {
            await _current.DisposeAsync();
            await Task.Delay(Delays[Math.Min(attempt, Delays.Length - 1)], stop.Token);
            _current = new IngestConnection();
            try
            {
                await _current.ConnectAsync(address, stop.Token);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // The server is still starting, or the room's old ingest is not cleared yet: try again.
            }
        }
    }

    public Task CloseAsync(TimeSpan timeout, CancellationToken ct) => _current.CloseAsync(timeout, ct);

    public ValueTask DisposeAsync() => _current.DisposeAsync();
}
