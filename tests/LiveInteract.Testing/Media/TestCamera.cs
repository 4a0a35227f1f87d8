using System.Net.WebSockets;

namespace LiveInteract.Testing;

/// <summary>
/// A creator's camera in a test: opens the room's ingest WebSocket and sends the given JPEG frames round-robin at a
/// camera's pace until disposed. The pacing is the scenario (a real camera's frame rate), not a wait for a result.
/// </summary>
public sealed class TestCamera : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;

    private TestCamera(ClientWebSocket socket, IReadOnlyList<byte[]> frames, TimeSpan interval)
    {
        _socket = socket;
        _sending = Task.Run(async () =>
        {
            using var pace = new PeriodicTimer(interval);
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                await socket.SendAsync(frames[i % frames.Count], WebSocketMessageType.Binary, endOfMessage: true, _stop.Token);
                await pace.WaitForNextTickAsync(_stop.Token);
            }
        });
    }

    /// <summary>Connects to <c>/rooms/{roomId}/ingest</c> as the holder of <paramref name="token"/> and starts sending.</summary>
    public static async Task<TestCamera> Start(Uri serverAddress, string roomId, string token, IReadOnlyList<byte[]> frames, int fps = 25) =>
        new(await Connect(serverAddress, roomId, token), frames, TimeSpan.FromSeconds(1.0 / fps));

    /// <summary>
    /// Opens the ingest WebSocket of <c>/rooms/{roomId}/ingest</c> as the holder of <paramref name="token"/>, for a test
    /// that sends its own frames. A refusal (made before the upgrade) throws a <see cref="WebSocketException"/> naming
    /// the status.
    /// </summary>
    public static async Task<ClientWebSocket> Connect(Uri serverAddress, string roomId, string token)
    {
        var socket = new ClientWebSocket();
        var uri = new Uri(serverAddress.ToString().Replace("http", "ws", StringComparison.Ordinal).TrimEnd('/') + $"/rooms/{roomId}/ingest?access_token={token}");
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _sending; }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { } // stopped mid-send, or the server closed first
        _socket.Dispose();
        _stop.Dispose();
    }
}
