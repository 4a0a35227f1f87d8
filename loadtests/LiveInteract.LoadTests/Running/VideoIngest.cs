using System.Net.WebSockets;
using LiveInteract.Media.Sources;

namespace LiveInteract.LoadTests.Running;

/// <summary>
/// The load creator's camera: a sample video from opencv-doc sent as JPEG frames over the room's ingest WebSocket,
/// so the server runs its filter pipeline and HLS encoder during the run and HLS players have segments to fetch.
/// </summary>
internal sealed class VideoIngest : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _sending = Task.CompletedTask;

    private long _framesSent;

    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Starts streaming, or returns null with the reason when there is no sample video to stream.</summary>
    public static async Task<(VideoIngest? Ingest, string? WhyNot)> Start(Uri baseUrl, string roomId, string creatorToken, CancellationToken cancellationToken)
    {
        var path = VideoFileSource.FindSampleVideo();
        if (path is null) return (null, "no sample video (install opencv-doc)");
        var ingest = new VideoIngest();
        var address = new UriBuilder(baseUrl) { Scheme = "ws", Path = $"rooms/{Uri.EscapeDataString(roomId)}/ingest", Query = "access_token=" + Uri.EscapeDataString(creatorToken) }.Uri;
        await ingest._socket.ConnectAsync(address, cancellationToken);
        var source = new VideoFileSource(path, new VideoFileSourceOptions(Fps: 15, Width: 640, Height: 480));
        ingest._sending = Task.Run(() => ingest.Send(source), CancellationToken.None);
        return (ingest, null);
    }

    private async Task Send(VideoFileSource source)
    {
        using (source)
        {
            try
            {
                await foreach (var jpeg in source.ReadFramesAsync(_stop.Token))
                {
                    await _socket.SendAsync(jpeg, WebSocketMessageType.Binary, endOfMessage: true, _stop.Token);
                    Interlocked.Increment(ref _framesSent);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sending;
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "load run over", timeout.Token); }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}
