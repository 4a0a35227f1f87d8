using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace LiveInteract.LoadTests.Hosting;

/// <summary>
/// One loopback client can open at most ~28k connections to one server port (the ephemeral port range of one
/// source address). Binding each client's sockets to 127.0.0.N spreads them over N source addresses; Linux answers
/// on all of 127.0.0.0/8 without configuration. Used for REST (<see cref="Create"/>) and for the hub's WebSocket
/// (<see cref="ConnectWebSocket"/>, through the SDK's WebSocketFactory: with SkipNegotiation SignalR does not use the
/// HTTP handler for the WebSocket).
/// </summary>
public static class SourceAddressHandler
{
    public static async ValueTask<WebSocket> ConnectWebSocket(Uri uri, string? token, int viewerIndex, int addresses, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        if (token is not null) socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        using var invoker = new HttpMessageInvoker(Create(viewerIndex, addresses));
        try
        {
            await socket.ConnectAsync(uri, invoker, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static SocketsHttpHandler Create(int viewerIndex, int addresses)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        if (addresses <= 1) return handler;
        var source = new IPAddress(new byte[] { 127, 0, 0, (byte)(1 + viewerIndex % addresses) });
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }
}
