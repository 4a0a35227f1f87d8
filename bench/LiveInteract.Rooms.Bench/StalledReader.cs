using LiveInteract.Contracts.Hub;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LiveInteract.Rooms.Bench;

/// <summary>
/// A viewer that joins the room and then never reads its socket (a phone in a tunnel): a WebSocket over a TCP socket
/// with a 4 KB receive buffer, speaking the SignalR JSON protocol by hand. After joining it asks for the room's full
/// replay buffer many times over (<c>JoinRoom(roomId, 0)</c>), so the server's sends to it back up within a second.
/// </summary>
internal sealed class StalledReader : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });
    private int _nextId;

    public static async Task<StalledReader> JoinAndStall(string baseUrl, string token, string roomId, int snapshotRequests)
    {
        var reader = new StalledReader();
        var uri = new Uri($"{baseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/hubs/live?access_token={Uri.EscapeDataString(token)}");
        await reader._socket.ConnectAsync(uri, reader._invoker, CancellationToken.None);
        await reader.Send("""{"protocol":"json","version":1}""");
        await reader.Invoke(HubMethods.JoinRoom, roomId, null);
        for (var i = 0; i < snapshotRequests; i++) await reader.Invoke(HubMethods.JoinRoom, roomId, 0L);
        return reader;
    }

    private Task Invoke(string target, params object?[] arguments) =>
        Send(JsonSerializer.Serialize(new { type = 1, invocationId = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), target, arguments }));

    private async Task Send(string json) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json + '\u001e'), WebSocketMessageType.Text, true, CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        return ValueTask.CompletedTask;
    }
}
