using System.Net;
using System.Net.WebSockets;

namespace LiveInteract.Cli.Video;

/// <summary>
/// The creator's video ingest: a WebSocket to <c>/rooms/{roomId}/ingest?access_token=…</c> carrying one
/// binary message per JPEG frame. Messages the server sends back are read (so close frames are seen) and
/// ignored; a close by the server ends the stream with its reason.
/// </summary>
internal sealed class IngestConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private Task? _receiving;

    public static Uri AddressFor(Uri server, string roomId, string token)
    {
        var ws = new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws" };
        ws.Path = ws.Path.TrimEnd('/') + $"/rooms/{Uri.EscapeDataString(roomId)}/ingest";
        ws.Query = "access_token=" + Uri.EscapeDataString(token);
        return ws.Uri;
    }

    /// <summary>Connects; a refused upgrade becomes an error that names the endpoint and the HTTP status.</summary>
    public async Task ConnectAsync(Uri address, CancellationToken ct)
    {
        _socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await _socket.ConnectAsync(address, ct).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            var status = _socket.HttpStatusCode;
            var where = address.GetLeftPart(UriPartial.Path);
            var why = status switch
            {
                HttpStatusCode.NotFound => "HTTP 404: this server has no video ingest endpoint",
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"HTTP {(int)status}: only the room's creator may send video",
                0 => ex.Message,
                _ => $"HTTP {(int)status}",
            };
            throw new IOException($"the video ingest WebSocket at {where} failed ({why})", ex);
        }
        _receiving = DrainAsync();
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public string? CloseReason => _socket.CloseStatusDescription;

    /// <summary>
    /// True when the server ended the stream for good with a close frame (room ended, bad frames): opening it again
    /// would be refused the same way. A connection that simply dropped has no close status; 1001 says the server is
    /// going away (shutting down) and 1011 that it failed, so another attempt may well work.
    /// </summary>
    public bool ClosedByServer => _socket.CloseStatus is { } status
        && status is not (WebSocketCloseStatus.EndpointUnavailable or WebSocketCloseStatus.InternalServerError);

    public async Task SendFrameAsync(ReadOnlyMemory<byte> jpeg, CancellationToken ct)
    {
        if (!IsOpen) throw new IOException($"the server closed the ingest ({_socket.CloseStatus}: {_socket.CloseStatusDescription})");
        await _socket.SendAsync(jpeg, WebSocketMessageType.Binary, endOfMessage: true, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the stream politely: sends a close and waits (up to <paramref name="timeout"/>) for the server's reply, so the
    /// server sees a normal end, not a dropped connection. A server that does not answer in time is simply cut off.
    /// </summary>
    public async Task CloseAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "video ended", ct).ConfigureAwait(false);
            }
            catch (WebSocketException) { return; } // already gone: nothing to wait for
        }
        if (_receiving is null) return;
        try { await _receiving.WaitAsync(timeout, ct).ConfigureAwait(false); }
        catch (TimeoutException) { } // DisposeAsync aborts the socket
    }

    private async Task DrainAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (_socket.State == WebSocketState.Open || _socket.State == WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        // Abort (dispose, or a close that timed out) ends a pending receive with any of these; the stream is over either way.
        catch (WebSocketException) { }
        catch (ObjectDisposedException) { }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        if (_receiving is not null) await _receiving.ConfigureAwait(false);
        _socket.Dispose();
    }
}
