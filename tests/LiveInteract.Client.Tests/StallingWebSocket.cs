using System.Net.Sockets;
using System.Net.WebSockets;

namespace LiveInteract.Client.Tests;

/// <summary>
/// The hub's real WebSocket over a TCP socket with a 4 KB receive buffer, whose reads can be held: while
/// <see cref="Stalled"/>, the client reads nothing, so the server's sends to it back up as they do to a phone in a
/// tunnel. Sends still go out. Used through <see cref="LiveClientOptions.WebSocketFactory"/>.
/// </summary>
public sealed class StallingWebSocket(WebSocket inner) : WebSocket
{
    private volatile TaskCompletionSource _released = Released();

    /// <summary>Holds (true) or lets through (false) every read, now and later.</summary>
    public bool Stalled
    {
        get => !_released.Task.IsCompleted;
        set
        {
            if (value == Stalled) return;
            if (value) _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            else _released.TrySetResult();
        }
    }

    /// <summary>Opens a hub socket with a small TCP receive buffer, authorized with <paramref name="token"/>.</summary>
    public static async Task<StallingWebSocket> ConnectAsync(Uri uri, string token, CancellationToken cancellationToken)
    {
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }, disposeHandler: false);
        var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await ws.ConnectAsync(uri, invoker, cancellationToken);
        return new StallingWebSocket(ws);
    }

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;
    public override string? CloseStatusDescription => inner.CloseStatusDescription;
    public override WebSocketState State => inner.State;
    public override string? SubProtocol => inner.SubProtocol;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose()
    {
        _released.TrySetResult();
        inner.Dispose();
    }

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        await _released.Task.WaitAsync(cancellationToken);
        return await inner.ReceiveAsync(buffer, cancellationToken);
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _released.Task.WaitAsync(cancellationToken);
        return await inner.ReceiveAsync(buffer, cancellationToken);
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }
}
