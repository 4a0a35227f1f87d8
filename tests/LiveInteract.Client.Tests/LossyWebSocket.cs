using System.Net.WebSockets;
using System.Text;

namespace LiveInteract.Client.Tests;

/// <summary>
/// The hub's real WebSocket, with a saboteur in the middle: it counts outgoing frames that contain a marker, and once armed
/// it swallows the first incoming frame that contains another marker and cuts the connection, as a phone losing its
/// network does after the server answered. Used through <see cref="LiveClientOptions.WebSocketFactory"/>.
/// </summary>
public sealed class LossyWebSocket(WebSocket inner, LossyWebSocket.Plan plan) : WebSocket
{
    /// <summary>What to sabotage; shared by every socket a client opens (the first one and those after reconnects).</summary>
    public sealed class Plan
    {
        private int _sent;
        private int _dropped;

        /// <summary>Outgoing frames containing this are counted (null: none).</summary>
        public string? CountSent { get; set; }

        /// <summary>The first incoming frame containing this is lost along with the connection (null: nothing is dropped).</summary>
        public string? DropReceived { get; set; }

        public int Sent => Volatile.Read(ref _sent);
        public bool Dropped => Volatile.Read(ref _dropped) == 1;

        internal void OnSent(ReadOnlySpan<byte> frame)
        {
            if (CountSent is { } marker && Contains(frame, marker)) Interlocked.Increment(ref _sent);
        }

        internal bool ShouldDrop(ReadOnlySpan<byte> frame) =>
            DropReceived is { } marker && Contains(frame, marker) && Interlocked.CompareExchange(ref _dropped, 1, 0) == 0;

        private static bool Contains(ReadOnlySpan<byte> frame, string marker) => frame.IndexOf(Encoding.UTF8.GetBytes(marker)) >= 0;
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

    public override void Dispose() => inner.Dispose();

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken);
        Sabotage(buffer.AsSpan(0, result.Count));
        return result;
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken);
        Sabotage(buffer.Span[..result.Count]);
        return result;
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        plan.OnSent(buffer);
        return inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        plan.OnSent(buffer.Span);
        return inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken)
    {
        plan.OnSent(buffer.Span);
        return inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);
    }

    // The frame reached this machine but never reaches the app: the connection dies with it.
    private void Sabotage(ReadOnlySpan<byte> frame)
    {
        if (!plan.ShouldDrop(frame)) return;
        inner.Abort();
        throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "test: the connection was lost before the reply was read");
    }
}
